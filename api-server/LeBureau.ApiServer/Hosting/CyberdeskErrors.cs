namespace LeBureau.ApiServer.Hosting;

/// <summary>Endpoint metadata: errors of this route use the Cyberdesk shape <c>{"status":"error","error":"…"}</c> instead of ProblemDetails.</summary>
public sealed class CyberdeskErrors
{
    public static readonly CyberdeskErrors Instance = new();
}
