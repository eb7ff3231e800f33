namespace CarbonVoice.Sdk;

/// <summary>
/// Encrypts token sets before a store writes them (and decrypts them after a read), so that tokens are never at rest
/// in clear text. The package <c>CarbonVoice.Sdk.DataProtection</c> implements it over ASP.NET Core Data Protection;
/// <see cref="UnprotectedTokenProtector"/> opts out explicitly.
/// </summary>
public interface ITokenProtector
{
    /// <summary>Encrypts (and authenticates) a serialized token set.</summary>
    /// <param name="plaintext">The bytes to protect.</param>
    /// <returns>The protected bytes.</returns>
    byte[] Protect(byte[] plaintext);

    /// <summary>Decrypts bytes made by <see cref="Protect"/>.</summary>
    /// <param name="protectedData">The protected bytes.</param>
    /// <returns>The original bytes.</returns>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The bytes were not protected with this protector's keys or were altered.</exception>
    byte[] Unprotect(byte[] protectedData);
}
