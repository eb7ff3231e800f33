using System.Text.RegularExpressions;

namespace CarbonVoice.ContractCheck.Tests.Support;

/// <summary>Passes requests to the emulator and rewrites the status and body of the answers to one route.</summary>
internal sealed class AlteringHandler : DelegatingHandler
{
    private readonly string _method;
    private readonly Regex _path;
    private readonly Func<int, byte[], (int Status, byte[] Body)> _alter;
    private int _altered;

    public AlteringHandler(HttpMessageHandler inner, string method, string pathPattern, Func<int, byte[], (int Status, byte[] Body)> alter)
        : base(inner)
    {
        _method = method;
        _path = new Regex(pathPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        _alter = alter;
    }

    /// <summary>How many answers were rewritten.</summary>
    public int Altered => Volatile.Read(ref _altered);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method.Method != _method || !_path.IsMatch(request.RequestUri!.AbsolutePath))
        {
            return response;
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var (status, altered) = _alter((int)response.StatusCode, body);
        var content = new ByteArrayContent(altered);
        content.Headers.ContentType = response.Content.Headers.ContentType;
        response.Content.Dispose();
        response.Content = content;
        response.StatusCode = (System.Net.HttpStatusCode)status;
        Interlocked.Increment(ref _altered);
        return response;
    }
}
