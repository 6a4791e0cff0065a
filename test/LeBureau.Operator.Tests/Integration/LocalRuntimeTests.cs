using System.Net.Http.Headers;
using System.Text;
using k8s;
using LeBureau.Operator.Desktops;
using LeBureau.Operator.Local;
using LeBureau.Operator.Tests.Infrastructure;
using LeBureau.Resources;
using LeBureau.Testing;

namespace LeBureau.Operator.Tests.Integration;

/// <summary>The local runtime: Xvfb, openbox and the real agent as one process group per desktop, and no orphans.</summary>
[Collection(OperatorCollection.Name)]
public sealed class LocalRuntimeTests(ControlPlaneFixture fixture) : IAsyncLifetime
{
    private DesktopApi _desktops = null!;
    private OperatorInstance _operator = null!;
    private string _ns = "";

    public async Task InitializeAsync()
    {
        _ns = await fixture.CreateNamespaceAsync("local");
        _desktops = new DesktopApi(fixture.Client, _ns);
        _operator = await OperatorInstance.StartAsync(fixture.Plane.KubeconfigPath, _ns, "Local", "--Operator:AgentPort=18090");
    }

    public async Task DisposeAsync() => await _operator.DisposeAsync();

    [Fact]
    public async Task A_local_desktop_runs_its_agent_and_leaves_nothing_behind()
    {
        await _desktops.CreateAsync("l1");
        await _desktops.CreateAsync("l2");
        var l1 = await _desktops.WaitAsync("l1", d => d.Status.AgentReady, TimeSpan.FromSeconds(60), "l1 agent ready");
        var l2 = await _desktops.WaitAsync("l2", d => d.Status.AgentReady, TimeSpan.FromSeconds(60), "l2 agent ready");
        l1.Status.IpAddress.Should().StartWith("127.77.").And.NotBe(l2.Status.IpAddress);

        // The agent answers with the desktop's token, and only with it.
        var token = await fixture.Client.ReadNamespacedSecretAsync(DesktopNames.AgentTokenSecret("l1"), _ns);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{l1.Status.AgentEndpoint}/healthz");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Encoding.UTF8.GetString(token.Data[DesktopNames.TokenKey]));
        (await http.SendAsync(request)).IsSuccessStatusCode.Should().BeTrue();
        (await http.GetAsync($"{l1.Status.AgentEndpoint}/healthz")).StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);

        var groups = _operator.Local!.GroupIds;
        groups.Should().HaveCount(2).And.OnlyContain(g => ProcessGroup.IsAlive(g));

        // Stop keeps nothing running; delete removes the desktop.
        await _desktops.PatchSpecAsync("l1", new { running = false });
        await _desktops.WaitAsync("l1", d => d.Status.Phase == DesktopPhase.Stopped, because: "l1 stopped");
        _operator.Local.GroupIds.Should().HaveCount(1);
        await _desktops.Client.DeleteAsync(_ns, "l2");
        await _desktops.WaitGoneAsync("l2");
        groups.Should().OnlyContain(g => !ProcessGroup.IsAlive(g), "deleting or stopping a desktop kills its group");

        // Operator shutdown stops what still runs.
        await _desktops.PatchSpecAsync("l1", new { running = true });
        await _desktops.WaitAsync("l1", d => d.Status.AgentReady, TimeSpan.FromSeconds(60), "l1 running again");
        var last = _operator.Local.GroupIds.Should().ContainSingle().Subject;
        await _operator.StopAsync();
        ProcessGroup.IsAlive(last).Should().BeFalse("shutdown kills every desktop group");
        _operator.Local.GroupIds.Should().BeEmpty("nothing is launched while the host stops");
        Directory.GetDirectories(Path.Combine(_operator.StateDirectory, "desktops")).Should().BeEmpty();
    }

    [Fact]
    public async Task Groups_left_by_a_crashed_operator_are_reaped_at_start()
    {
        var state = Directory.CreateTempSubdirectory("lebureau-reap-").FullName;
        var launcher = new LocalDesktopLauncher(Path.Combine(state, "desktops"), Path.Combine(state, "data"), "");
        var orphan = launcher.Launch(new LaunchRequest("orphan", "127.77.250.2", 999, 18091, "t", 640, 480));
        await Eventually.Until(() => Task.FromResult(ProcessGroup.IsAlive(orphan.GroupId)), x => x, because: "orphan started");

        await using var second = await OperatorInstance.StartAsync(fixture.Plane.KubeconfigPath, _ns, "Local", $"--Operator:StateDirectory={state}");
        ProcessGroup.IsAlive(orphan.GroupId).Should().BeFalse("the new operator kills what the old one left");
        Directory.Exists(Path.Combine(state, "desktops", "orphan")).Should().BeFalse();
    }
}
