namespace LeBureau.DesktopAgent.Chat.Tools;
public sealed record ToolOutput(string Text, ToolImage? Image, bool IsError);
public sealed record ToolImage(byte[] Bytes, string MediaType, int Width, int Height);
