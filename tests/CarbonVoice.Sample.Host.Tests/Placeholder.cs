namespace CarbonVoice.Sample.Host.Tests;
