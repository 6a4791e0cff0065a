using LeBureau.ApiServer.Hosting;

namespace LeBureau.ApiServer;

/// <summary>The api-server, built but not started (tests start it in-process on a free port).</summary>
public static class ApiServerApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddApiServer();
        var app = builder.Build();
        app.UseApiServer();
        return app;
    }
}
