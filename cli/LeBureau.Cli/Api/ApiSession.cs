using LeBureau.Cli.Config;
using LeBureau.Cli.Hosting;
using LeBureau.Client;

namespace LeBureau.Cli.Api;

/// <summary>
/// A command's connection to the API: the URL and key (LEBUREAU_URL/LEBUREAU_KEY over the saved login) and a
/// <see cref="LeBureauClient"/>; what a call throws becomes a <see cref="CliException"/> that says how to fix it.
/// </summary>
public sealed class ApiSession : IDisposable
{
    private ApiSession(SavedLogin login, string credentialSource)
    {
        Url = new Uri(login.Url);
        Key = login.Key;
        CredentialSource = credentialSource;
        Client = new LeBureauClient(Url, login.Key);
    }

    public Uri Url { get; }

    /// <summary>The API key (never printed).</summary>
    public string Key { get; }

    /// <summary>Where the key came from, for messages.</summary>
    public string CredentialSource { get; }

    public LeBureauClient Client { get; }

    public static async Task<ApiSession> OpenAsync(CliEnvironment environment, CancellationToken cancellationToken)
    {
        var store = new ConfigStore(environment);
        var url = environment.Get(LoginResolution.UrlVariable);
        var key = environment.Get(LoginResolution.KeyVariable);
        var saved = url is not null && key is not null ? null : await store.LoadAsync(cancellationToken);
        var login = LoginResolution.Resolve(url, key, saved);
        return new ApiSession(login, key is not null ? LoginResolution.KeyVariable : $"the saved login ({store.FilePath})");
    }

    /// <summary>Opens a session for an explicit URL and key (<c>lebureau login</c>).</summary>
    public static ApiSession For(SavedLogin login, string credentialSource) => new(login, credentialSource);

    /// <summary>Runs <paramref name="call"/>, turning API and connection failures into messages the user can act on.</summary>
    public async Task<T> CallAsync<T>(Func<LeBureauClient, Task<T>> call)
    {
        try
        {
            return await call(Client);
        }
        catch (Exception e) when (ApiFailure.From(e, Url, CredentialSource) is { } failure)
        {
            throw failure;
        }
    }

    public async Task CallAsync(Func<LeBureauClient, Task> call) =>
        await CallAsync(async client =>
        {
            await call(client);
            return true;
        });

    public void Dispose() => Client.Dispose();
}
