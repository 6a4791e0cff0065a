using LeBureau.ApiServer.Hosting;

namespace LeBureau.ApiServer;

/// <summary>The api-server, built but not started (tests start it in-process on a free port).</summary>
public static class ApiServerApp
{
    public static WebApplication Build(string[] args) => Build(args, null);

    /// <param name="args">Command line (configuration overrides such as <c>--Kubernetes:Kubeconfig=…</c>).</param>
    /// <param name="configure">Last changes to the builder before it is built (tests: log capture, clock).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddApiServer();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseApiServer();
        return app;
    }
}
