using System.Text.Json;
using LeBureau.DesktopAgent.Screen;
namespace LeBureau.DesktopAgent.Chat.Tools;
internal sealed class DesktopToolbox
{
    public Task<ScreenSize> ModelScreenAsync(CancellationToken cancellationToken) => Task.FromResult(new ScreenSize(1280, 800));
    public Task<ToolOutput> RunAsync(string name, JsonElement input, CancellationToken cancellationToken) => Task.FromResult(new ToolOutput("stub", null, false));
}
public static class ToolSchemas
{
    public static string ComputerDescription(ScreenSize s) => "";
    public static BinaryData ComputerParameters(ScreenSize s) => BinaryData.FromString("{}");
    public const string BashDescription = "";
    public static BinaryData BashParameters => BinaryData.FromString("{}");
    public const string EditorDescription = "";
    public static BinaryData EditorParameters => BinaryData.FromString("{}");
}
