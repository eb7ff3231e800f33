namespace CarbonVoice.Sdk;

/// <summary>The DataExports endpoints.</summary>
public interface IDataExportsClient
{
}
