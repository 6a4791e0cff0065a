using System.Text.Json;
using LeBureau.Cli.Hosting;

namespace LeBureau.Cli.Config;

/// <summary>
/// The saved login in <c>$XDG_CONFIG_HOME/lebureau/config.json</c> (else <c>~/.config/lebureau/config.json</c>). The file is
/// created with mode 0600 in a 0700 folder, so the key is never readable by others, not even for an instant.
/// </summary>
public sealed class ConfigStore(CliEnvironment environment)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public string Directory => environment.Get("XDG_CONFIG_HOME") is { } xdg
        ? Path.Combine(xdg, "lebureau")
        : Path.Combine(environment.Get("HOME") ?? System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".config", "lebureau");

    public string FilePath => Path.Combine(Directory, "config.json");

    /// <summary>The saved login, null when there is none.</summary>
    public async Task<SavedLogin?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath)) return null;
        try
        {
            await using var file = File.OpenRead(FilePath);
            return await JsonSerializer.DeserializeAsync<SavedLogin>(file, Output.ResultWriter.Json, cancellationToken) is { Url.Length: > 0, Key.Length: > 0 } login
                ? login : null;
        }
        catch (JsonException e)
        {
            throw new CliException($"{FilePath} is not a valid saved login ({e.Message}); run `lebureau login` again", ExitCodes.Unauthenticated, e);
        }
    }

    public async Task SaveAsync(SavedLogin login, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory, FolderMode);
        var temp = FilePath + ".tmp";
        File.Delete(temp);
        await using (var file = new FileStream(temp, new FileStreamOptions
                     {
                         Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly,
                     }))
        {
            await JsonSerializer.SerializeAsync(file, login, Output.ResultWriter.Json, cancellationToken);
        }
        File.Move(temp, FilePath, overwrite: true);
        File.SetUnixFileMode(FilePath, OwnerOnly);
    }
}
