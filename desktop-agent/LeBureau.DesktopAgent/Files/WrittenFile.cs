namespace LeBureau.DesktopAgent.Files;

/// <summary>The result of a write: the absolute path and the number of bytes now in the file.</summary>
public sealed record WrittenFile(string Path, long Size);
