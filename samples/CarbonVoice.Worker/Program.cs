using CarbonVoice.Worker;
using CarbonVoice.Worker.Measurement;

// A worker process: takes sync and ingestion jobs from the Azure Storage Queue (carbonvoice-processing) and runs them into
// PostgreSQL. Run as many as you like, on any machines that reach the queue and the database:
//   ConnectionStrings__CarbonVoice="Host=…" ConnectionStrings__Queue="UseDevelopmentStorage=true" \
//   Worker__DataProtectionKeysPath=/shared/keys dotnet run --project samples/CarbonVoice.Worker
// --measure times worker processes of this build against an emulator (see Measurement/MeasureCommand.cs).
if (args.Contains("--measure"))
{
    return await MeasureCommand.RunAsync(args);
}

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddCarbonVoiceWorker(builder.Configuration);
using var host = builder.Build();
await host.RunAsync();
return 0;
