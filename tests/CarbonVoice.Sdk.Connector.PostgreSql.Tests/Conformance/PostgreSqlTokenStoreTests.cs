using CarbonVoice.Sdk.Connector.PostgreSql.Tests.Support;
using CarbonVoice.Sdk.Connector.Tests.Conformance;
using CarbonVoice.Sdk.Tests.Core;

namespace CarbonVoice.Sdk.Connector.PostgreSql.Tests.Conformance;

/// <summary>The SDK's token store contract (compiled in unchanged from the SDK's tests) on PostgreSQL, with a protector.</summary>
[RequiresServer(TestServers.PostgreSqlVariable)]
public sealed class PostgreSqlTokenStoreTests : TokenStoreConformanceTests, IDisposable
{
    private readonly Lazy<TempSchema> _schema = new(() => new TempSchema());
    private readonly List<IDisposable> _stores = [];

    protected override ITokenStore CreateStore()
    {
        var store = new PostgreSqlTokenStore(_schema.Value.Options(), new XorProtector());
        _stores.Add(store);
        return store;
    }

    public void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        if (_schema.IsValueCreated)
        {
            _schema.Value.Dispose();
        }
    }

    /// <summary>A stand-in for Data Protection: the stored bytes are not the JSON (tests read the column to prove it).</summary>
    internal sealed class XorProtector : ITokenProtector
    {
        public byte[] Protect(byte[] plaintext) => [.. plaintext.Select(b => (byte)(b ^ 0x5A))];

        public byte[] Unprotect(byte[] protectedData) => [.. protectedData.Select(b => (byte)(b ^ 0x5A))];
    }
}
