namespace LeBureau.DesktopAgent.Files;

/// <summary>One directory entry: Type is file|directory|symlink|other; Size in bytes (0 for directories); Modified in UTC.</summary>
public sealed record FileEntry(string Name, string Path, string Type, long Size, DateTimeOffset Modified);
