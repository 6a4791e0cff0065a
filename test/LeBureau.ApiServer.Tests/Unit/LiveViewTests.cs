using LeBureau.ApiServer.LiveView;

namespace LeBureau.ApiServer.Tests.Unit;

public sealed class LiveViewTests
{
    [Fact]
    public void A_ticket_survives_format_and_parse()
    {
        var ticket = new LiveViewTicket("tenant-a", "3f2b8c1e-0000-4000-8000-000000000001", "key-uid");

        LiveViewTicket.Parse(ticket.Format()).Should().Be(ticket);
    }

    [Theory]
    [InlineData("")]
    [InlineData("v1|ns|desktop")]
    [InlineData("v2|ns|desktop|key")]
    [InlineData("v1||desktop|key")]
    [InlineData("v1|ns|desktop|key|extra")]
    public void Text_that_is_not_a_ticket_parses_to_null(string text) => LiveViewTicket.Parse(text).Should().BeNull();

    [Theory]
    [InlineData("http://127.0.0.1:8080", "ws://127.0.0.1:8080/v1/desktop/d-1/stream?ticket=a%2Bb%3D")]
    [InlineData("https://desktops.example.com", "wss://desktops.example.com/v1/desktop/d-1/stream?ticket=a%2Bb%3D")]
    [InlineData("https://example.com/lebureau/", "wss://example.com/lebureau/v1/desktop/d-1/stream?ticket=a%2Bb%3D")]
    public void The_stream_url_is_the_websocket_twin_of_the_public_url(string publicBase, string expected) =>
        LiveViewUrl.For(new Uri(publicBase), "d-1", "a+b=").Should().Be(expected);

    [Fact]
    public void The_viewer_page_loads_noVNC_under_the_path_base_and_says_whether_input_is_allowed()
    {
        var html = LiveViewPage.Html("d-1", "/lebureau", viewOnly: true);

        html.Should().Contain("import RFB from \"/lebureau/novnc/core/rfb.js\"").And.Contain("rfb.viewOnly = true;").And.Contain("desktop d-1");
        LiveViewPage.Html("<script>", "", viewOnly: false).Should().NotContain("desktop <script>").And.Contain("rfb.viewOnly = false;");
    }

    [Theory]
    [InlineData(new byte[] { 5, 0, 0, 10, 0, 20 }, true)]
    [InlineData(new byte[] { 4, 1, 0, 0, 0, 0, 0xff, 0x0d }, true)]
    [InlineData(new byte[] { 6, 0, 0, 0, 0, 0, 0, 1, 0x41 }, true)]
    [InlineData(new byte[] { 3, 1, 0, 0, 0, 0, 5, 0, 3, 32 }, false)]
    [InlineData(new byte[] { 2, 0, 0, 1, 0, 0, 0, 0 }, false)]
    [InlineData(new byte[] { 0x52, 0x46, 0x42 }, false)]
    [InlineData(new byte[0], false)]
    public void Only_key_pointer_and_clipboard_messages_are_input(byte[] message, bool input) =>
        RfbInput.IsInput(message).Should().Be(input);
}
