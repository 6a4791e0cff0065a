namespace LeBureau.DesktopAgent.Files;

/// <summary>
/// POST /files: Path (absolute), Content, Encoding utf8|base64 (default utf8), CreateParents (default true).
/// An existing file is replaced.
/// </summary>
public sealed record WriteFileRequest(string Path, string Content, string Encoding = "utf8", bool CreateParents = true);
