using System.Globalization;
using LeBureau.DesktopAgent.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeBureau.DesktopAgent.Screenshot;

/// <summary>Screen capture: /screenshot and /screen.</summary>
internal static class ScreenshotApi
{
    public static IEndpointRouteBuilder MapScreenshotApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/screenshot", Screenshot);
        app.MapGet("/screen", Screen);
        return app;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Screenshot(
        [AsParameters] ScreenshotQuery query, ScreenshotService screenshots, HttpResponse response, CancellationToken cancellationToken)
    {
        var outcome = await screenshots.CaptureAsync(query, cancellationToken);
        if (outcome.Value is not { } image)
        {
            return ApiResults.Problem(outcome.Error!, outcome.Status);
        }

        response.Headers["X-Screen-Width"] = image.Screen.Width.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Screen-Height"] = image.Screen.Height.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Image-Width"] = image.Image.Width.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Image-Height"] = image.Image.Height.ToString(CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        return TypedResults.File(image.Bytes, image.ContentType);
    }

    private static async Task<Ok<ScreenInfo>> Screen(ScreenshotService screenshots, CancellationToken cancellationToken) =>
        TypedResults.Ok(await screenshots.InfoAsync(cancellationToken));
}
