namespace LeBureau.Client;

public sealed partial class LeBureauClient
{
    /// <summary>Lists a directory on a desktop (absolute path). Needs desktop:control.</summary>
    public Task<FileListing> ListFilesAsync(string id, string path, CancellationToken cancellationToken = default) =>
        GetJsonAsync<FileListing>($"api/desktops/{Escape(id)}/files?path={Escape(path)}", cancellationToken);

    /// <summary>Reads a file of a desktop (absolute path) as bytes. Needs desktop:control.</summary>
    public async Task<byte[]> ReadFileAsync(string id, string path, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync($"api/desktops/{Escape(id)}/files/content?path={Escape(path)}", cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>Writes text to a file of a desktop (absolute path, parents created). Needs desktop:control.</summary>
    public Task<WrittenFile> WriteFileAsync(string id, string path, string content, CancellationToken cancellationToken = default) =>
        SendJsonAsync<WrittenFile>(HttpMethod.Post, $"api/desktops/{Escape(id)}/files", new { path, content, encoding = "utf8" }, cancellationToken);

    /// <summary>Writes bytes to a file of a desktop (sent base64). Needs desktop:control.</summary>
    public Task<WrittenFile> WriteFileAsync(string id, string path, byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return SendJsonAsync<WrittenFile>(HttpMethod.Post, $"api/desktops/{Escape(id)}/files",
            new { path, content = Convert.ToBase64String(content), encoding = "base64" }, cancellationToken);
    }
}
