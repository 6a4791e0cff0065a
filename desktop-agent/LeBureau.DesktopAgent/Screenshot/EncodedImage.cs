using LeBureau.DesktopAgent.Screen;

namespace LeBureau.DesktopAgent.Screenshot;

/// <summary>An encoded screenshot and the sizes a caller needs to map coordinates.</summary>
public sealed record EncodedImage(byte[] Bytes, string ContentType, ScreenSize Screen, ScreenSize Image);
