using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace CarbonVoice.Sample.Host.Tests.Infrastructure;

/// <summary>Reads the host's progress WebSocket (<c>/ws/{tenant_id}</c>) in tests.</summary>
internal static class ProgressSocket
{
    /// <summary>Receives one JSON message (bounded by a real-time guard against hangs).</summary>
    public static async Task<JsonElement> ReceiveAsync(WebSocket socket)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cts.Token);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return JsonDocument.Parse(Encoding.UTF8.GetString(message.ToArray())).RootElement.Clone();
    }

    /// <summary>Receives messages until <paramref name="last"/> matches one; returns them all, that one included.</summary>
    public static async Task<List<JsonElement>> ReadUntilAsync(WebSocket socket, Func<JsonElement, bool> last)
    {
        var messages = new List<JsonElement>();
        while (true)
        {
            var message = await ReceiveAsync(socket);
            messages.Add(message);
            if (last(message))
            {
                return messages;
            }
        }
    }

    /// <summary>The messages of type <paramref name="type"/> until its run leaves "running".</summary>
    public static async Task<List<JsonElement>> ReadRunAsync(WebSocket socket, string type)
    {
        var messages = await ReadUntilAsync(socket, m => IsType(m, type) && m.GetProperty("status").GetString() != "running");
        return messages.Where(m => IsType(m, type)).ToList();
    }

    private static bool IsType(JsonElement message, string type) => message.GetProperty("type").GetString() == type;
}
