using CarbonVoice.Sdk.Connector.PostgreSql.Tests.Support;
using CarbonVoice.Sdk.Connector.Tests.Conformance;
using CarbonVoice.Sdk.Tests.Core;

namespace CarbonVoice.Sdk.Connector.PostgreSql.Tests.Conformance;

/// <summary>The SDK's token store contract (compiled in unchanged from the SDK's tests) on PostgreSQL, with a protector.</summary>
[RequiresServer(TestServers.PostgreSqlVariable)]
public sealed class PostgreSqlTokenStoreTests : TokenStoreConformanceTests, IDisposable
{
    private readonly TempSchemaStores _pg = new();

    protected override ITokenStore CreateStore() => _pg.Own(new PostgreSqlTokenStore(_pg.Options(), new XorProtector()));

    public void Dispose() => _pg.Dispose();

    /// <summary>A stand-in for Data Protection: the stored bytes are not the JSON (tests read the column to prove it).</summary>
    internal sealed class XorProtector : ITokenProtector
    {
        public byte[] Protect(byte[] plaintext) => [.. plaintext.Select(b => (byte)(b ^ 0x5A))];

        public byte[] Unprotect(byte[] protectedData) => [.. protectedData.Select(b => (byte)(b ^ 0x5A))];
    }
}
