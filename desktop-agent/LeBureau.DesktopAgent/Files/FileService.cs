using Microsoft.Extensions.Options;

namespace LeBureau.DesktopAgent.Files;

/// <summary>File system access for /files, turning each failure into the 4xx that names it.</summary>
internal sealed class FileService(IOptions<AgentOptions> options)
{
    public static Outcome<DirectoryListing> List(string? path)
    {
        if (CheckPath(path) is { } error)
        {
            return Outcome<DirectoryListing>.Fail(error);
        }

        var directory = new DirectoryInfo(path!);
        if (!directory.Exists)
        {
            return File.Exists(path)
                ? Outcome<DirectoryListing>.Fail($"'{path}' is a file, not a directory")
                : Outcome<DirectoryListing>.Fail($"'{path}' does not exist", StatusCodes.Status404NotFound);
        }

        try
        {
            var entries = directory.EnumerateFileSystemInfos()
                .Select(Entry)
                .OrderBy(e => e.Type == "directory" ? 0 : 1)
                .ThenBy(e => e.Name, StringComparer.Ordinal)
                .ToList();
            return new DirectoryListing(directory.FullName, entries);
        }
        catch (UnauthorizedAccessException)
        {
            return Outcome<DirectoryListing>.Fail($"permission denied reading '{path}'", StatusCodes.Status403Forbidden);
        }
    }

    /// <summary>Opens a file for streaming, or says why it cannot be read.</summary>
    public Outcome<FileStream> OpenRead(string? path)
    {
        if (CheckPath(path) is { } error)
        {
            return Outcome<FileStream>.Fail(error);
        }

        if (Directory.Exists(path))
        {
            return Outcome<FileStream>.Fail($"'{path}' is a directory, not a file");
        }

        try
        {
            var stream = new FileStream(path!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
            var limit = options.Value.MaxFileReadBytes;
            if (stream.Length > limit)
            {
                stream.Dispose();
                return Outcome<FileStream>.Fail($"'{path}' is larger than the {limit}-byte read limit", StatusCodes.Status413PayloadTooLarge);
            }

            return stream;
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return Outcome<FileStream>.Fail($"'{path}' does not exist", StatusCodes.Status404NotFound);
        }
        catch (UnauthorizedAccessException)
        {
            return Outcome<FileStream>.Fail($"permission denied reading '{path}'", StatusCodes.Status403Forbidden);
        }
    }

    public static async Task<Outcome<WrittenFile>> WriteAsync(WriteFileRequest request, CancellationToken cancellationToken)
    {
        byte[] bytes;
        switch (request.Encoding.ToLowerInvariant())
        {
            case "utf8" or "utf-8":
                bytes = System.Text.Encoding.UTF8.GetBytes(request.Content);
                break;
            case "base64":
                bytes = new byte[(request.Content.Length * 3 / 4) + 3];
                if (!Convert.TryFromBase64String(request.Content, bytes, out var length))
                {
                    return Outcome<WrittenFile>.Fail("content is not valid base64");
                }

                bytes = bytes[..length];
                break;
            default:
                return Outcome<WrittenFile>.Fail($"encoding must be utf8 or base64, got '{request.Encoding}'");
        }

        return await WriteStreamAsync(request.Path, new MemoryStream(bytes, writable: false), request.CreateParents, cancellationToken);
    }

    /// <summary>Streams <paramref name="content"/> to <paramref name="path"/> (raw uploads of any size up to the body limit).</summary>
    public static async Task<Outcome<WrittenFile>> WriteStreamAsync(string? path, Stream content, bool createParents, CancellationToken cancellationToken)
    {
        if (CheckPath(path) is { } error)
        {
            return Outcome<WrittenFile>.Fail(error);
        }

        if (Directory.Exists(path))
        {
            return Outcome<WrittenFile>.Fail($"'{path}' is a directory", StatusCodes.Status409Conflict);
        }

        var parent = Path.GetDirectoryName(path!)!;
        try
        {
            if (!Directory.Exists(parent))
            {
                if (!createParents)
                {
                    return Outcome<WrittenFile>.Fail($"the parent directory '{parent}' does not exist", StatusCodes.Status404NotFound);
                }

                if (ExistingAncestorIsFile(parent) is { } file)
                {
                    return Outcome<WrittenFile>.Fail($"'{file}' is a file, so '{parent}' cannot be created", StatusCodes.Status409Conflict);
                }

                Directory.CreateDirectory(parent);
            }

            await using (var target = new FileStream(path!, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(target, cancellationToken);
            }

            return new WrittenFile(path!, new FileInfo(path!).Length);
        }
        catch (UnauthorizedAccessException)
        {
            return Outcome<WrittenFile>.Fail($"permission denied writing '{path}'", StatusCodes.Status403Forbidden);
        }
    }

    private static string? CheckPath(string? path) => path switch
    {
        null or "" => "path is required",
        _ when !Path.IsPathRooted(path) => $"path '{path}' must be absolute",
        _ when path.Contains('\0', StringComparison.Ordinal) => "path contains a NUL character",
        _ => null,
    };

    private static string? ExistingAncestorIsFile(string directory)
    {
        for (var current = directory; !string.IsNullOrEmpty(current); current = Path.GetDirectoryName(current))
        {
            if (File.Exists(current))
            {
                return current;
            }

            if (Directory.Exists(current))
            {
                return null;
            }
        }

        return null;
    }

    private static FileEntry Entry(FileSystemInfo info)
    {
        var type = info switch
        {
            _ when info.LinkTarget is not null => "symlink",
            DirectoryInfo => "directory",
            FileInfo => "file",
            _ => "other",
        };
        var size = info is FileInfo file && type == "file" ? file.Length : 0;
        return new FileEntry(info.Name, info.FullName, type, size, info.LastWriteTimeUtc);
    }
}
