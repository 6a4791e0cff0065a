using LeBureau.DesktopAgent.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeBureau.DesktopAgent.Files;

/// <summary>Files: /files (list, write JSON), /files/content (read, write raw).</summary>
internal static class FilesApi
{
    public static IEndpointRouteBuilder MapFilesApi(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("/files");
        files.MapGet("", List);
        files.MapPost("", Write);
        files.MapGet("/content", Read);
        files.MapPut("/content", Upload);
        return app;
    }

    private static Results<Ok<DirectoryListing>, ProblemHttpResult> List(string? path) =>
        ApiResults.From(FileService.List(path));

    private static async Task<Results<Ok<WrittenFile>, ProblemHttpResult>> Write(WriteFileRequest request, CancellationToken cancellationToken) =>
        ApiResults.From(await FileService.WriteAsync(request, cancellationToken));

    private static Results<FileStreamHttpResult, ProblemHttpResult> Read(string? path, FileService files)
    {
        var outcome = files.OpenRead(path);
        return outcome.Value is { } stream
            ? TypedResults.Stream(stream, "application/octet-stream", Path.GetFileName(path), enableRangeProcessing: true)
            : ApiResults.Problem(outcome.Error!, outcome.Status);
    }

    private static async Task<Results<Ok<WrittenFile>, ProblemHttpResult>> Upload(string? path, bool? createParents, HttpRequest request, CancellationToken cancellationToken) =>
        ApiResults.From(await FileService.WriteStreamAsync(path, request.Body, createParents ?? true, cancellationToken));
}
