using LeBureau.DesktopAgent.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddDesktopAgent();

var app = builder.Build();
app.MapDesktopAgent();
app.Run();
