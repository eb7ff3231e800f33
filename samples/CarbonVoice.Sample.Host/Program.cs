using CarbonVoice.Sample.Host;
using CarbonVoice.Sample.Host.Security;

// The Carbon Voice connector host for BDE, runnable with no configuration:
//   dotnet run --project samples/CarbonVoice.Sample.Host   →  http://localhost:8000
// With no CARBONVOICE_CLIENT_ID / _CLIENT_SECRET / _REDIRECT_URI the emulator is embedded on a loopback port.
var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://localhost:8000");
}

builder.Services.AddSampleHost(builder.Configuration);
builder.Logging.AddRedactedRequestLog();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

var app = builder.Build();

// Before the host starts (the SDK's options, validated on start, need the emulator's port): resolving the back end
// checks the Carbon Voice settings (all three credentials or none), and the embedded emulator's server is awaited.
await app.Services.GetRequiredService<CarbonVoice.Sample.Host.Backend.CarbonVoiceBackend>().StartAsync(app.Lifetime.ApplicationStopping);
app.UseSecurityHeaders();
app.UseRedactedRequestLog();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseWebSockets();
app.UseAuthentication();
app.UseAuthorization();
app.MapSampleHost();
await app.RunAsync();

/// <summary>The entry point, visible to <c>WebApplicationFactory</c>.</summary>
public partial class Program;
