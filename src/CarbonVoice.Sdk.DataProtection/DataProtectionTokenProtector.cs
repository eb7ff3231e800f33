using Microsoft.AspNetCore.DataProtection;

namespace CarbonVoice.Sdk.DataProtection;

/// <summary>
/// An <see cref="ITokenProtector"/> over ASP.NET Core Data Protection: tokens are encrypted and authenticated with the
/// application's key ring (share one key ring between instances, and protect it at rest, for example with
/// <c>ProtectKeysWithAzureKeyVault</c> or <c>ProtectKeysWithCertificate</c>).
/// </summary>
public sealed class DataProtectionTokenProtector : ITokenProtector
{
    /// <summary>The default purpose string, which isolates these payloads from every other use of the key ring.</summary>
    public const string DefaultPurpose = "CarbonVoice.Sdk.Tokens.v1";

    private readonly IDataProtector _protector;

    /// <summary>Creates the protector.</summary>
    /// <param name="provider">The Data Protection provider (<c>services.AddDataProtection()</c>).</param>
    /// <param name="purpose">The purpose string; default <see cref="DefaultPurpose"/>.</param>
    public DataProtectionTokenProtector(IDataProtectionProvider provider, string purpose = DefaultPurpose)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        _protector = provider.CreateProtector(purpose);
    }

    /// <inheritdoc />
    public byte[] Protect(byte[] plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return _protector.Protect(plaintext);
    }

    /// <inheritdoc />
    public byte[] Unprotect(byte[] protectedData)
    {
        ArgumentNullException.ThrowIfNull(protectedData);
        return _protector.Unprotect(protectedData);
    }
}
