namespace CarbonVoice.Sdk;

/// <summary>The CarbonLinks endpoints.</summary>
public interface ICarbonLinksClient
{
}
