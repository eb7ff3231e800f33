namespace CarbonVoice.ContractCheck.Capture;

/// <summary>One HTTP request and its raw response, as they passed the primary handler.</summary>
/// <param name="Method">The request method.</param>
/// <param name="Path">The request path, without the query.</param>
/// <param name="LimitAsked">The <c>limit</c> the request asked for (query or JSON body), if any.</param>
/// <param name="Status">The response status code.</param>
/// <param name="Body">The raw response body.</param>
internal sealed record CapturedExchange(string Method, string Path, int? LimitAsked, int Status, byte[] Body)
{
    /// <summary>Whether the status is 2xx.</summary>
    public bool IsSuccess => Status is >= 200 and < 300;
}
