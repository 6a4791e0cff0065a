using System.Net;
using System.Net.Sockets;
using LeBureau.Testing;

namespace LeBureau.ControlPlane.Tests;

/// <summary>The control plane itself: it comes up, fails loudly, and leaves nothing behind.</summary>
public sealed class ControlPlaneLifecycleTests
{
    [Fact]
    public async Task Dispose_stops_every_process_it_started()
    {
        var plane = await ControlPlane.StartAsync(new ControlPlaneOptions { CrdDirectory = RepoPaths.Crds });
        var pids = plane.Processes.Select(p => p.Id).ToList();
        pids.Should().HaveCount(3, "etcd, kube-apiserver and kube-controller-manager run");
        var state = plane.StateDirectory;

        await plane.DisposeAsync();

        pids.Should().OnlyContain(pid => !Directory.Exists($"/proc/{pid}"), "no process outlives the control plane");
        Directory.Exists(state).Should().BeFalse("a temporary state folder is removed");
    }

    [Fact]
    public async Task A_control_plane_that_cannot_start_names_the_process_and_shows_its_log()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var start = () => ControlPlane.StartAsync(new ControlPlaneOptions { ApiServerPort = port, StartTimeout = TimeSpan.FromSeconds(60) });

        var failure = await start.Should().ThrowAsync<InvalidOperationException>();
        failure.Which.Message.Should().Contain("kube-apiserver").And.Contain("address already in use");
    }
}
