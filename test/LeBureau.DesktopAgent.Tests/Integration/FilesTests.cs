using System.Net;
using System.Net.Http.Headers;
using LeBureau.DesktopAgent.Tests.Infrastructure;

namespace LeBureau.DesktopAgent.Tests.Integration;

[Collection(DesktopCollection.Name)]
public sealed class FilesTests(DesktopFixture desktop)
{
    [Fact]
    public async Task Binary_content_round_trips_byte_for_byte_through_base64()
    {
        var bytes = new byte[300_000];
        Random.Shared.NextBytes(bytes);
        var path = Path.Combine(desktop.WorkDirectory, "new", "nested", "blob.bin");

        var write = await desktop.Client.PostJsonAsync("/files", new { path, content = Convert.ToBase64String(bytes), encoding = "base64" });

        write.StatusCode.Should().Be(HttpStatusCode.OK);
        (await write.JsonAsync()).GetProperty("size").GetInt64().Should().Be(bytes.Length);
        var read = await desktop.Client.GetAsync($"/files/content?path={Uri.EscapeDataString(path)}");
        read.StatusCode.Should().Be(HttpStatusCode.OK);
        (await read.Content.ReadAsByteArrayAsync()).Should().Equal(bytes);
    }

    [Fact]
    public async Task Large_raw_uploads_are_streamed_to_disk_and_back()
    {
        var bytes = new byte[5 * 1024 * 1024];
        Random.Shared.NextBytes(bytes);
        var path = Path.Combine(desktop.WorkDirectory, "raw.bin");
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        var write = await desktop.Client.PutAsync($"/files/content?path={Uri.EscapeDataString(path)}", content);

        write.StatusCode.Should().Be(HttpStatusCode.OK);
        (await desktop.Client.GetByteArrayAsync($"/files/content?path={Uri.EscapeDataString(path)}")).Should().Equal(bytes);
    }

    [Fact]
    public async Task Text_is_written_as_utf8_and_listed_with_size_type_and_time()
    {
        var directory = Path.Combine(desktop.WorkDirectory, $"list-{Guid.NewGuid():N}");
        await desktop.Client.PostJsonAsync("/files", new { path = Path.Combine(directory, "hello.txt"), content = "héllo" });
        Directory.CreateDirectory(Path.Combine(directory, "sub"));
        File.CreateSymbolicLink(Path.Combine(directory, "link"), Path.Combine(directory, "hello.txt"));

        var listing = await (await desktop.Client.GetAsync($"/files?path={Uri.EscapeDataString(directory)}")).JsonAsync();

        var entries = listing.GetProperty("entries").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
        entries["hello.txt"].GetProperty("type").GetString().Should().Be("file");
        entries["hello.txt"].GetProperty("size").GetInt64().Should().Be(6);
        entries["hello.txt"].GetProperty("modified").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        entries["sub"].GetProperty("type").GetString().Should().Be("directory");
        entries["link"].GetProperty("type").GetString().Should().Be("symlink");
    }

    [Fact]
    public async Task Missing_paths_are_404()
    {
        (await desktop.Client.GetAsync("/files?path=/no/such/dir")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await desktop.Client.GetAsync("/files/content?path=/no/such/file")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_directory_where_a_file_is_expected_is_a_client_error()
    {
        (await desktop.Client.GetAsync($"/files/content?path={desktop.WorkDirectory}")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await desktop.Client.PostJsonAsync("/files", new { path = desktop.WorkDirectory, content = "x" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Invalid_base64_is_400()
    {
        var response = await desktop.Client.PostJsonAsync("/files", new { path = Path.Combine(desktop.WorkDirectory, "bad.bin"), content = "not base64!!", encoding = "base64" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.DetailAsync()).Should().Contain("base64");
    }

    [Fact]
    public async Task Relative_path_is_400()
    {
        var response = await desktop.Client.GetAsync("/files?path=relative/dir");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.DetailAsync()).Should().Contain("absolute");
    }
}
