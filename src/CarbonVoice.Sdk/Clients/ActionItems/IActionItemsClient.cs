namespace CarbonVoice.Sdk;

/// <summary>The ActionItems endpoints.</summary>
public interface IActionItemsClient
{
}
