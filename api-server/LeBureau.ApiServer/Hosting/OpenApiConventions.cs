namespace LeBureau.ApiServer.Hosting;

internal static class OpenApiConventions
{
    /// <summary>Documents the ProblemDetails errors every authenticated route can answer.</summary>
    public static RouteGroupBuilder WithProblemErrors(this RouteGroupBuilder group) =>
        group.ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    /// <summary>Documents the errors of routes that reach the desktop agent.</summary>
    public static RouteGroupBuilder WithAgentErrors(this RouteGroupBuilder group) =>
        group.ProducesProblem(StatusCodes.Status502BadGateway).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>Errors in the Cyberdesk shape, each documented.</summary>
    public static RouteGroupBuilder WithCyberdeskErrors(this RouteGroupBuilder group)
    {
        group.WithMetadata(CyberdeskErrors.Instance);
        foreach (var status in new[] { 400, 401, 403, 404, 409, 413, 429, 500, 502 })
        {
            group.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(CyberdeskError), ["application/json"]));
        }
        return group;
    }
}
