using System.CommandLine;
using LeBureau.Cli.Api;
using LeBureau.Cli.Hosting;
using LeBureau.Client;

namespace LeBureau.Cli.Desktops;

/// <summary><c>lebureau desktops screenshot ID -o file.png</c> (JPEG when the file ends in .jpg or .jpeg).</summary>
public static class ScreenshotCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var desktop = DesktopsCommand.DesktopArgument();
        var file = new Option<string>("--output", "-o") { Description = "The image file to write: .png, or .jpg/.jpeg for JPEG.", Required = true, HelpName = "file" };
        var quality = new Option<int?>("--quality") { Description = "JPEG quality, 1–100." };
        var command = new Command("screenshot", "Save a screenshot of the desktop's screen.") { desktop, file, quality };
        command.SetCliAction(environment, async (result, context, cancellationToken) =>
        {
            var path = environment.FullPath(result.GetValue(file)!);
            var jpeg = Path.GetExtension(path).ToLowerInvariant() is ".jpg" or ".jpeg";
            using var session = await ApiSession.OpenAsync(environment, cancellationToken);
            var id = await DesktopsCommand.ResolveAsync(session, result.GetValue(desktop)!, cancellationToken);
            var shot = await session.CallAsync(client =>
                client.ScreenshotAsync(id, jpeg ? ImageEncoding.Jpeg : ImageEncoding.Png, result.GetValue(quality), cancellationToken));
            await File.WriteAllBytesAsync(path, shot.Bytes, cancellationToken);
            await context.Error.WriteLineAsync($"screenshot of {id}: {path} ({shot.ContentType}, {shot.Bytes.Length} bytes)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
