using LeBureau.ControlPlane;
using LeBureau.Operator;
using LeBureau.Testing;
using Microsoft.AspNetCore.Builder;

namespace LeBureau.ApiServer.Tests.Infrastructure;

/// <summary>The real operator with the local runtime (Xvfb, window manager and the real agent binary as local processes), watching one namespace.</summary>
public static class LocalOperator
{
    /// <summary>Starts it against <paramref name="fixture"/>'s control plane, keeping desktops under <paramref name="state"/>; <paramref name="extra"/> adds arguments.</summary>
    public static async Task<WebApplication> StartAsync(ApiServerFixture fixture, string ns, string state, string[]? extra = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var app = OperatorApp.Build(
        [
            $"--urls=http://127.0.0.1:{FreePort.Next()}",
            $"--Kubernetes:Kubeconfig={fixture.Plane.KubeconfigPath}",
            "--Operator:Runtime=Local",
            $"--Operator:Namespaces:0={ns}",
            "--Operator:AgentProbeInterval=00:00:01",
            $"--Operator:StateDirectory={state}",
            $"--Operator:AgentBinary={RepoPaths.DesktopAgent}",
            $"--Redis:ConnectionString={fixture.Redis.ConnectionString}",
            "--Logging:LogLevel:Default=Warning",
            .. extra ?? [],
        ], configure);
        await app.StartAsync();
        return app;
    }
}
