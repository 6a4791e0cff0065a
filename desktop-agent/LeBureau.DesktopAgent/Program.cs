using LeBureau.DesktopAgent.Hosting;

// Content root = the binary's folder, so appsettings.json is found whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddDesktopAgent();

var app = builder.Build();
app.MapDesktopAgent();
app.Run();
