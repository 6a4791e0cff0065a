namespace LeBureau.ApiServer.Auth;

/// <summary>Finds the API key a request presents (pure over the request's headers and query).</summary>
public static class CredentialReader
{
    private const string Bearer = "Bearer ";

    /// <summary><c>Authorization: Bearer</c>, else <c>x-api-key</c>, else (only when <paramref name="allowQuery"/>) <c>?apiKey=</c>.</summary>
    public static string? Read(HttpRequest request, bool allowQuery)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return NonEmpty(authorization[Bearer.Length..].Trim());
        }
        if (NonEmpty(request.Headers["x-api-key"].ToString().Trim()) is { } header) return header;
        return allowQuery ? NonEmpty(request.Query["apiKey"].ToString()) : null;
    }

    /// <summary>The SSE routes, where EventSource cannot set headers: only they accept <c>?apiKey=</c>.</summary>
    public static readonly IReadOnlySet<string> SsePaths = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "/api/desktops/stream",
        "/api/mission-control/activity/stream",
    };

    public static bool AcceptsQueryKey(PathString path) => path.HasValue && SsePaths.Contains(path.Value!.TrimEnd('/'));

    private static string? NonEmpty(string value) => value.Length == 0 ? null : value;
}
