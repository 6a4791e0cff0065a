using System.Net;
using LeBureau.Client;

namespace LeBureau.Mcp;

/// <summary>What a model is told when the API refuses a tool's call: the server's words and, where it helps, what to do (pure).</summary>
public static class ToolErrors
{
    public static string Describe(LeBureauApiException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var hint = e.Status switch
        {
            HttpStatusCode.ServiceUnavailable => " Start the desktop (desktops_start) if it is stopped, then poll desktops_get until agentReady is true.",
            HttpStatusCode.NotFound => " Check the id with desktops_list or tasks_list.",
            HttpStatusCode.Unauthorized => " The API key is no longer valid: ask the user for a new one.",
            HttpStatusCode.TooManyRequests when e.RetryAfter is { } wait => $" Wait {wait.TotalSeconds:0} s before trying again.",
            _ => "",
        };
        return e.Message + hint;
    }
}
