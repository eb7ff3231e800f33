using CarbonVoice.ContractCheck;

// Checks the real Carbon Voice service (or the emulator) against what the SDK models. See README.md.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

return await ContractCheckCommand.RunAsync(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error, primaryHandler: null, stop.Token);
