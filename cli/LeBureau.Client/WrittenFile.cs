namespace LeBureau.Client;

/// <summary>A file written on a desktop: its absolute path and size in bytes.</summary>
public sealed record WrittenFile(string Path, long Size);
