namespace LeBureau.DesktopAgent.Files;

/// <summary>GET /files: the listed directory and its entries, directories first, then by name.</summary>
public sealed record DirectoryListing(string Path, IReadOnlyList<FileEntry> Entries);
