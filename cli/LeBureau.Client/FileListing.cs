namespace LeBureau.Client;

/// <summary>A directory on a desktop and its entries.</summary>
public sealed record FileListing(string Path, IReadOnlyList<FileEntry> Entries);

/// <summary>One entry of a directory: Type is file, directory or symlink (as the agent reports it).</summary>
public sealed record FileEntry(string Name, string Path, string Type, long Size, DateTimeOffset Modified);
