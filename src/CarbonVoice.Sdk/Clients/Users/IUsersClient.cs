namespace CarbonVoice.Sdk;

/// <summary>The Users endpoints.</summary>
public interface IUsersClient
{
}
