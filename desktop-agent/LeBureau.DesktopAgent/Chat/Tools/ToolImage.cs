namespace LeBureau.DesktopAgent.Chat.Tools;

/// <summary>An encoded image for the model: Bytes in MediaType (<c>image/png</c>), Width × Height pixels.</summary>
public sealed record ToolImage(byte[] Bytes, string MediaType, int Width, int Height);
