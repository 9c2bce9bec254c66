using System.Net;

namespace CollabBot.Core;

// Where a request came from, as the host decided it after its forwarded-headers step
// (Host/Network/CallerOrigins): the caller's address, whether that is this machine, and
// whether the request arrived through a relay at all. Set on every request as an HTTP
// feature; code that finds none treats the caller as remote (fail closed).
internal sealed record CallerOrigin(IPAddress? Address, bool Local, bool Relayed)
{
    public static readonly CallerOrigin Unknown = new(null, false, true);
}
