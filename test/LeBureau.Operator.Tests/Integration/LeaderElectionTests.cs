using LeBureau.Operator.Tests.Infrastructure;
using LeBureau.Operator.Tests.KubeVirtSimulator;
using LeBureau.Resources;
using LeBureau.Testing;

namespace LeBureau.Operator.Tests.Integration;

/// <summary>Two operators with leader election: exactly one reconciles; when it goes, the other takes over within the lease.</summary>
[Collection(OperatorCollection.Name)]
public sealed class LeaderElectionTests(ControlPlaneFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(8);
    private DesktopApi _desktops = null!;
    private VirtualMachineSimulator _simulator = null!;
    private OperatorInstance _a = null!;
    private OperatorInstance _b = null!;

    public async Task InitializeAsync()
    {
        var ns = await fixture.CreateNamespaceAsync("leader");
        _desktops = new DesktopApi(fixture.Client, ns);
        _simulator = await VirtualMachineSimulator.StartAsync(fixture.Plane, ns, agentBinary: null);
        string[] election =
        [
            "--Operator:LeaderElection:Enabled=true", $"--Operator:LeaderElection:LeaseNamespace={ns}",
            "--Operator:LeaderElection:LeaseDuration=00:00:08", "--Operator:LeaderElection:RenewDeadline=00:00:06",
            "--Operator:LeaderElection:RetryPeriod=00:00:01",
        ];
        _a = await OperatorInstance.StartAsync(fixture.Plane.KubeconfigPath, ns, "KubeVirt", election);
        _b = await OperatorInstance.StartAsync(fixture.Plane.KubeconfigPath, ns, "KubeVirt", election);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task Exactly_one_leader_reconciles_and_the_other_takes_over()
    {
        await Eventually.Until(() => Task.FromResult(new[] { _a.Manager.IsLeader, _b.Manager.IsLeader }), l => l.Count(x => x) == 1, because: "one leader");

        await _desktops.CreateAsync("first");
        await _desktops.WaitAsync("first", d => d.Status.Phase == DesktopPhase.Running, because: "first running");
        var (leader, follower) = _a.Manager.IsLeader ? (_a, _b) : (_b, _a);
        leader.Manager.IsLeader.Should().BeTrue();
        follower.Manager.IsLeader.Should().BeFalse();
        (await ReconcilesAsync(leader)).Should().BeGreaterThan(0);
        (await ReconcilesAsync(follower)).Should().Be(0);
        follower.Manager.IsSynced.Should().BeTrue("a standby keeps warm caches");

        var stopped = DateTime.UtcNow;
        await leader.StopAsync();
        await Eventually.Until(() => Task.FromResult(follower.Manager.IsLeader), x => x, Lease + TimeSpan.FromSeconds(6), "the follower leads");
        (DateTime.UtcNow - stopped).Should().BeLessThan(Lease + TimeSpan.FromSeconds(6));

        await _desktops.CreateAsync("second");
        await _desktops.WaitAsync("second", d => d.Status.Phase == DesktopPhase.Running, because: "second running under the new leader");
        (await ReconcilesAsync(follower)).Should().BeGreaterThan(0);
    }

    private static async Task<double> ReconcilesAsync(OperatorInstance instance)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync($"{instance.Url}/metrics");
        return text.Split('\n').Where(l => l.StartsWith("lebureau_operator_reconciles_total{controller=\"desktop\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
