namespace SensorNode.Core.Protocol
{
    /// <summary>
    /// The topic tree of one node: <c>sensornode/v1/&lt;site&gt;/&lt;nodeId&gt;/&lt;leaf&gt;</c>. Built once when the
    /// node id and site are known, so no topic string is built per message. QoS and retain per topic are
    /// constants here so node and host agree (docs/protocol.md).
    /// </summary>
    public sealed class Topics
    {
        /// <summary>Root of every SensorNode topic; the number is the major protocol version.</summary>
        public const string Root = "sensornode/v1";

        public const int ProtocolVersion = 1;

        public const int MaxSegmentLength = 32;

        // Leaves under the node's subtree.
        public const string BirthLeaf = "birth";
        public const string StatusLeaf = "status";
        public const string TelemetryLeaf = "telemetry";
        public const string AlarmLeaf = "alarm";
        public const string HealthLeaf = "health";
        public const string ConfigDesiredLeaf = "config/desired";
        public const string ConfigReportedLeaf = "config/reported";
        public const string ConfigAckLeaf = "config/ack";
        public const string CommandLeaf = "cmd";
        public const string CommandAckLeaf = "cmd/ack";
        public const string SpectrumLeaf = "spectrum";

        // QoS / retain per topic.
        public const int BirthQos = 1;
        public const bool BirthRetain = true;
        public const int StatusQos = 1;
        public const bool StatusRetain = true;
        public const int TelemetryQos = 1;
        public const bool TelemetryRetain = false;
        public const int AlarmQos = 1;
        public const bool AlarmRetain = false;
        public const int HealthQos = 0;
        public const bool HealthRetain = false;
        public const int ConfigDesiredQos = 1;
        public const bool ConfigDesiredRetain = true;
        public const int ConfigReportedQos = 1;
        public const bool ConfigReportedRetain = true;
        public const int ConfigAckQos = 1;
        public const bool ConfigAckRetain = false;
        public const int CommandQos = 1;
        public const bool CommandRetain = false;
        public const int CommandAckQos = 1;
        public const bool CommandAckRetain = false;
        public const int SpectrumQos = 0;
        public const bool SpectrumRetain = false;

        public readonly string Site;
        public readonly string NodeId;

        /// <summary>sensornode/v1/&lt;site&gt;/&lt;nodeId&gt; (no trailing slash).</summary>
        public readonly string Base;

        public readonly string Birth;
        public readonly string Status;
        public readonly string Telemetry;
        public readonly string Alarm;
        public readonly string Health;
        public readonly string ConfigDesired;
        public readonly string ConfigReported;
        public readonly string ConfigAck;
        public readonly string Command;
        public readonly string CommandAck;
        public readonly string Spectrum;

        /// <summary>Builds every topic of the node. Throws ArgumentException for an invalid site or node id
        /// (validated config never has one).</summary>
        public Topics(string site, string nodeId)
        {
            if (!IsValidSegment(site))
            {
                throw new System.ArgumentException("site");
            }

            if (!IsValidSegment(nodeId))
            {
                throw new System.ArgumentException("nodeId");
            }

            Site = site;
            NodeId = nodeId;
            Base = Root + "/" + site + "/" + nodeId;
            Birth = Base + "/" + BirthLeaf;
            Status = Base + "/" + StatusLeaf;
            Telemetry = Base + "/" + TelemetryLeaf;
            Alarm = Base + "/" + AlarmLeaf;
            Health = Base + "/" + HealthLeaf;
            ConfigDesired = Base + "/" + ConfigDesiredLeaf;
            ConfigReported = Base + "/" + ConfigReportedLeaf;
            ConfigAck = Base + "/" + ConfigAckLeaf;
            Command = Base + "/" + CommandLeaf;
            CommandAck = Base + "/" + CommandAckLeaf;
            Spectrum = Base + "/" + SpectrumLeaf;
        }

        /// <summary>A site or node id: 1–32 chars of A–Z a–z 0–9 '-' '_' (no MQTT wildcards, no '/').</summary>
        public static bool IsValidSegment(string s)
        {
            if (s == null || s.Length == 0 || s.Length > MaxSegmentLength)
            {
                return false;
            }

            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The subscription filter for every node's leaf, e.g. <c>sensornode/v1/+/+/telemetry</c>.</summary>
        public static string AllNodes(string leaf)
        {
            return Root + "/+/+/" + leaf;
        }

        /// <summary>Splits a topic of the tree into site, node id and leaf. False for any other topic.</summary>
        public static bool TryParse(string topic, out string site, out string nodeId, out string leaf)
        {
            site = null;
            nodeId = null;
            leaf = null;
            if (topic == null || !topic.StartsWith(Root + "/"))
            {
                return false;
            }

            int a = Root.Length + 1;
            int b = topic.IndexOf('/', a);
            if (b < 0)
            {
                return false;
            }

            int c = topic.IndexOf('/', b + 1);
            if (c < 0)
            {
                return false;
            }

            string s = topic.Substring(a, b - a);
            string n = topic.Substring(b + 1, c - b - 1);
            string l = topic.Substring(c + 1);
            if (!IsValidSegment(s) || !IsValidSegment(n) || !IsKnownLeaf(l))
            {
                return false;
            }

            site = s;
            nodeId = n;
            leaf = l;
            return true;
        }

        public static bool IsKnownLeaf(string leaf)
        {
            return leaf == BirthLeaf || leaf == StatusLeaf || leaf == TelemetryLeaf || leaf == AlarmLeaf
                || leaf == HealthLeaf || leaf == ConfigDesiredLeaf || leaf == ConfigReportedLeaf || leaf == ConfigAckLeaf
                || leaf == CommandLeaf || leaf == CommandAckLeaf || leaf == SpectrumLeaf;
        }
    }
}
