using System.Text;
using LeBureau.DesktopAgent.Files;

namespace LeBureau.DesktopAgent.Chat.Tools;

/// <summary>
/// The <c>str_replace_based_edit_tool</c> tool (Anthropic's text_editor_20250728): view, create, str_replace, insert,
/// on absolute paths, text files as UTF-8.
/// </summary>
internal sealed partial class DesktopToolbox
{
    /// <summary>Largest file the editor reads (larger ones are for bash: head, sed -n, grep).</summary>
    public const int MaxEditableBytes = 16 * 1024 * 1024;

    internal static readonly string[] EditorCommands = ["view", "create", "str_replace", "insert"];

    private async Task<ToolOutput> RunEditorAsync(ToolInput call, CancellationToken cancellationToken)
    {
        var command = call.RequiredString("command");
        var args = call.For($"the {Editor} command {command}");
        if (Array.IndexOf(EditorCommands, command) < 0)
        {
            return ToolOutput.Error($"unknown command '{command}'; the commands are {string.Join(", ", EditorCommands)}");
        }

        var path = args.RequiredString("path");
        if (!Path.IsPathRooted(path))
        {
            return ToolOutput.Error($"path '{path}' is not absolute; give the full path, e.g. /home/user/{path.TrimStart('.', '/')}");
        }

        return command switch
        {
            "view" => await ViewAsync(path, args.OptionalInts("view_range", 2, "an array of two integers [start_line, end_line], end_line -1 for the end of the file"), cancellationToken),
            "create" => await CreateAsync(path, args.RequiredString("file_text"), cancellationToken),
            "str_replace" => await ReplaceAsync(path, args.RequiredString("old_str"), args.OptionalString("new_str") ?? string.Empty, cancellationToken),
            _ => await InsertAsync(path, args.RequiredInt("insert_line"), args.OptionalString("insert_text") ?? args.OptionalString("new_str") ?? throw new ToolInputException("insert needs `insert_text`: the text to insert"), cancellationToken),
        };
    }

    private async Task<ToolOutput> ViewAsync(string path, int[]? range, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            return range is null
                ? ToolOutput.Success(Limited(DirectoryTree(path), "list a deeper folder to see the rest"))
                : ToolOutput.Error($"view_range applies to files; '{path}' is a directory");
        }

        var (text, error) = await ReadTextAsync(path, cancellationToken);
        if (text is null)
        {
            return ToolOutput.Error(error!);
        }

        var lines = EditorText.Lines(text);
        var (first, last) = (1, lines.Count);
        if (range is not null)
        {
            (first, last) = (range[0], range[1] == -1 ? lines.Count : range[1]);
            if (first < 1 || first > Math.Max(1, lines.Count) || last < first || last > lines.Count)
            {
                return ToolOutput.Error(
                    $"view_range [{range[0]}, {range[1]}] does not fit '{path}', which has {lines.Count} lines: start must be in 1..{lines.Count} and end in start..{lines.Count}, or -1 for the end");
            }
        }

        var shown = EditorText.Numbered(lines.Skip(first - 1).Take(last - first + 1), first);
        return ToolOutput.Success(Limited($"Here's the result of running `cat -n` on {path}:\n{shown}", "use view_range to see the rest"));
    }

    // Like Anthropic's reference (which refuses to overwrite with create): an existing file is edited, not replaced by accident.
    private static async Task<ToolOutput> CreateAsync(string path, string fileText, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            return ToolOutput.Error($"'{path}' is a directory");
        }

        if (File.Exists(path))
        {
            return ToolOutput.Error($"'{path}' already exists; create does not overwrite: edit it with str_replace or insert, or remove it with bash first");
        }

        var written = await FileService.WriteAsync(new WriteFileRequest(path, fileText), cancellationToken);
        return written.Value is { } file
            ? ToolOutput.Success($"File created at {file.Path} ({file.Size} bytes)")
            : ToolOutput.Error(written.Error!);
    }

    private async Task<ToolOutput> ReplaceAsync(string path, string oldText, string newText, CancellationToken cancellationToken)
    {
        if (oldText.Length == 0)
        {
            return ToolOutput.Error("old_str is empty; give the exact text to replace, with enough lines around it to be unique");
        }

        var (text, error) = await ReadTextAsync(path, cancellationToken);
        if (text is null)
        {
            return ToolOutput.Error(error!);
        }

        var found = EditorText.OccurrenceLines(text, oldText);
        switch (found.Count)
        {
            case 0:
                return ToolOutput.Error($"old_str was not found in {path}; it must match the file exactly, whitespace and indentation included (view the file to copy it)");
            case > 1:
                return ToolOutput.Error($"old_str occurs {found.Count} times in {path} (lines {string.Join(", ", found.Take(20))}); it must occur exactly once: include more surrounding lines to make it unique");
        }

        var index = text.IndexOf(oldText, StringComparison.Ordinal);
        var edited = string.Concat(text.AsSpan(0, index), newText, text.AsSpan(index + oldText.Length));
        return await WriteEditedAsync(path, edited, found[0], found[0] + EditorText.CountNewlines(newText), cancellationToken);
    }

    private async Task<ToolOutput> InsertAsync(string path, int afterLine, string insertText, CancellationToken cancellationToken)
    {
        var (text, error) = await ReadTextAsync(path, cancellationToken);
        if (text is null)
        {
            return ToolOutput.Error(error!);
        }

        var count = EditorText.Lines(text).Count;
        if (afterLine < 0 || afterLine > count)
        {
            return ToolOutput.Error($"insert_line {afterLine} is outside {path}, which has {count} lines: it must be in 0..{count} (0 inserts at the top)");
        }

        var edited = EditorText.InsertLines(text, afterLine, insertText);
        var added = EditorText.Lines(insertText.EndsWith('\n') ? insertText : insertText + "\n").Count;
        return await WriteEditedAsync(path, edited, afterLine + 1, afterLine + Math.Max(1, added), cancellationToken);
    }

    private async Task<ToolOutput> WriteEditedAsync(string path, string edited, int firstLine, int lastLine, CancellationToken cancellationToken)
    {
        var written = await FileService.WriteAsync(new WriteFileRequest(path, edited, CreateParents: false), cancellationToken);
        if (written.Error is { } error)
        {
            return ToolOutput.Error(error);
        }

        var snippet = EditorText.Snippet(edited, firstLine, lastLine);
        return ToolOutput.Success(Limited($"The file {path} has been edited. Here's a snippet of it (`cat -n`):\n{snippet}Review the changes and edit again if needed.", "view the file to see the rest"));
    }

    private static async Task<(string? Text, string? Error)> ReadTextAsync(string path, CancellationToken cancellationToken)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return (null, $"'{path}' does not exist (create makes a new file)");
        }

        if (file.Length > MaxEditableBytes)
        {
            return (null, $"'{path}' is {file.Length} bytes, larger than the {MaxEditableBytes}-byte editor limit; use bash (head, sed -n, grep) on it");
        }

        try
        {
            var text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken);
            return text.Contains('\0', StringComparison.Ordinal)
                ? (null, $"'{path}' looks binary (it contains NUL bytes); inspect it with bash (file, xxd)")
                : (text, null);
        }
        catch (UnauthorizedAccessException)
        {
            return (null, $"permission denied reading '{path}'");
        }
    }

    /// <summary>The entries of <paramref name="path"/> two levels deep, hidden ones (dot names) left out, directories ending in '/'.</summary>
    private static string DirectoryTree(string path)
    {
        var options = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0 };
        var root = new DirectoryInfo(path);
        var text = new StringBuilder($"Files and directories up to 2 levels deep in {root.FullName}, hidden ones excluded:\n");
        foreach (var entry in Visible(root, options))
        {
            text.Append(Listed(entry));
            if (entry is DirectoryInfo directory && directory.LinkTarget is null)
            {
                foreach (var child in Visible(directory, options))
                {
                    text.Append(Listed(child));
                }
            }
        }

        return text.ToString();

        static IEnumerable<FileSystemInfo> Visible(DirectoryInfo directory, EnumerationOptions options) =>
            directory.EnumerateFileSystemInfos("*", options)
                .Where(e => !e.Name.StartsWith('.'))
                .OrderBy(e => e.Name, StringComparer.Ordinal);

        static string Listed(FileSystemInfo entry) => entry is DirectoryInfo ? $"{entry.FullName}/\n" : $"{entry.FullName}\n";
    }

    private string Limited(string text, string hint)
    {
        var kept = EditorText.Truncate(text, Options.MaxOutputChars, out var cut);
        return cut ? $"{kept}\n[truncated at {Options.MaxOutputChars} characters; {hint}]" : kept;
    }
}
