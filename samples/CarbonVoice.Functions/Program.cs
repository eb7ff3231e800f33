using CarbonVoice.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The Azure Functions (isolated worker) shell: a queue trigger on carbonvoice-processing and a timer that queues due syncs.
var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddCarbonVoiceFunctions(builder.Configuration);
using var host = builder.Build();
await host.RunAsync();
