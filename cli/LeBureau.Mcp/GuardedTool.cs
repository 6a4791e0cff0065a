using LeBureau.Client;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace LeBureau.Mcp;

/// <summary>
/// A tool with its arguments checked against its schema first, and the API's refusals turned into tool errors the
/// model can act on (status and the server's detail, never a stack trace).
/// </summary>
internal sealed class GuardedTool(McpServerTool inner, string capability) : DelegatingMcpServerTool(inner)
{
    /// <summary>The capability the tool needs.</summary>
    public string Capability { get; } = capability;

    public override async ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ArgumentCheck.Problem(ProtocolTool.InputSchema, request.Params?.Arguments) is { } problem)
        {
            return Error(problem);
        }
        try
        {
            return await base.InvokeAsync(request, cancellationToken);
        }
        catch (LeBureauApiException e)
        {
            return Error(ToolErrors.Describe(e));
        }
        catch (HttpRequestException e)
        {
            return Error($"The Le Bureau API cannot be reached: {e.Message}");
        }
        catch (McpException e)
        {
            return Error(e.Message);
        }
    }

    private static CallToolResult Error(string message) => new() { IsError = true, Content = [new TextContentBlock { Text = message }] };
}
