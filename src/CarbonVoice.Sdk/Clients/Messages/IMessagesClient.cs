namespace CarbonVoice.Sdk;

/// <summary>The Messages endpoints.</summary>
public interface IMessagesClient
{
}
