using SensorNode.Core.Json;
using SensorNode.Core.Protocol;
using SensorNode.Core.Security;

namespace SensorNode.Core.Config
{
    /// <summary>
    /// JSON form of <see cref="NodeConfig"/>: a merge ("set") of a whole or partial document onto a config,
    /// with a field-level error for every member that is unknown, of the wrong type or out of range; and the
    /// writer for the persisted (full), reported (redacted) and hashed forms. Whole-document checks that span
    /// fields are in <see cref="ConfigValidator"/>.
    /// </summary>
    public static class ConfigCodec
    {
        /// <summary>Largest config document, bytes (a CA chain of up to <see cref="MaxCaPemLength"/> fits).</summary>
        public const int MaxDocumentBytes = 8192;
        public const int MaxCaPemLength = 4096;

        /// <summary>Writes everything, secrets included: only for the node's own flash.</summary>
        public const int ModeFull = 0;

        /// <summary>Secrets and the CA are replaced by "…Set": true/false: reported config, logs, serial output.</summary>
        public const int ModeRedacted = 1;

        /// <summary>As redacted but with the CA in full: the input of the config hash.</summary>
        public const int ModeHash = 2;

        private static readonly string[] RootFields =
        {
            "schema", "node", "wifi", "broker", "security", "accel", "sampling", "bands", "iso", "bearing", "shaft", "ct",
            "running", "thresholds", "baseline", "report", "temp", "queue"
        };

        private static readonly string[] NodeFields = { "id", "site", "asset" };
        private static readonly string[] WifiFields = { "ssid", "password", "passwordSet" };
        private static readonly string[] BrokerFields = { "host", "port", "tls", "ca", "caSet", "user", "password", "passwordSet", "clientId" };
        private static readonly string[] SecurityFields = { "key", "keySet" };
        private static readonly string[] AccelFields = { "rangeG", "odrHz" };
        private static readonly string[] SamplingFields = { "fftSize", "burst", "currentRateHz", "currentSamples" };
        private static readonly string[] BandsFields = { "velocity", "hf", "envelope" };
        private static readonly string[] BandFields = { "lo", "hi" };
        private static readonly string[] IsoFields = { "standard", "class", "group", "foundation" };
        private static readonly string[] BearingFields = { "n", "d", "D", "angle" };
        private static readonly string[] ShaftFields = { "mode", "rpm", "minRpm", "maxRpm" };
        private static readonly string[] CtFields = { "enabled", "turns", "burdenOhm", "adcRefV", "gain", "offset", "nominalV", "pf", "lineHz" };
        private static readonly string[] RunningFields = { "threshold", "hysteresis" };
        private static readonly string[] ThresholdFields = { "feature", "axis", "warning", "alarm", "hysteresis", "onDelay" };
        private static readonly string[] BaselineFields = { "windows", "k", "cap" };
        private static readonly string[] ReportFields = { "intervalS", "alarmIntervalS", "healthIntervalS" };
        private static readonly string[] TempFields = { "smoothing" };
        private static readonly string[] QueueFields = { "capacity", "spill", "spillCapacity" };

        private static readonly string[] RomanClasses = { "I", "II", "III", "IV" };

        /// <summary>A parser sized for config documents (plus the desired-config envelope).</summary>
        public static JsonParser NewParser()
        {
            return new JsonParser(MaxDocumentBytes + 1024, 8, MaxCaPemLength + 64, 1024);
        }

        // =====================================================================================================
        // Merge
        // =====================================================================================================

        /// <summary>
        /// Merges the members present in <paramref name="doc"/> (a config object, whole or partial) into
        /// <paramref name="target"/>. Members absent keep their value; "thresholds", when present, replaces the
        /// whole list. Read-only "…Set" indicators written by the redacted form are accepted and ignored.
        /// Returns true when no field error was found; on errors <paramref name="target"/> may be partly changed,
        /// so callers merge into a copy.
        /// </summary>
        public static bool Apply(JsonNode doc, NodeConfig target, FieldErrors errors)
        {
            int before = errors.Total;
            if (doc == null || !doc.IsObject)
            {
                errors.Add("", ResultCode.WrongType, "config must be a JSON object");
                return false;
            }

            JsonRead.OnlyKnown(doc, RootFields, null, errors);
            JsonNode schema = doc.Get("schema");
            if (schema != null)
            {
                if (!schema.IsNumber || !schema.IsInteger)
                {
                    errors.Add("schema", ResultCode.WrongType, "must be an integer");
                }
                else if (schema.IntegerValue != NodeConfig.SchemaVersion)
                {
                    errors.Add("schema", ResultCode.UnsupportedVersion, "only schema 1 is supported");
                    return false;
                }
            }

            JsonNode s = JsonRead.Object(doc, "node", false, null, errors);
            if (s != null)
            {
                JsonRead.OnlyKnown(s, NodeFields, "node", errors);
                Segment(s, "id", "node", errors, ref target.NodeId);
                Segment(s, "site", "node", errors, ref target.Site);
                JsonRead.String(s, "asset", false, 0, 64, "node", errors, ref target.AssetName);
            }

            s = JsonRead.Object(doc, "wifi", false, null, errors);
            if (s != null)
            {
                JsonRead.OnlyKnown(s, WifiFields, "wifi", errors);
                JsonRead.String(s, "ssid", false, 0, 32, "wifi", errors, ref target.WifiSsid);
                string pw = null;
                if (JsonRead.String(s, "password", false, 0, 63, "wifi", errors, ref pw) && pw != null)
                {
                    if (pw.Length > 0 && pw.Length < 8)
                    {
                        errors.Add("wifi.password", ResultCode.InvalidValue, "WPA2 passphrase needs 8 to 63 characters (empty for an open network)");
                    }
                    else
                    {
                        target.WifiPassword = pw;
                    }
                }

                IgnoreIndicator(s, "passwordSet", "wifi", errors);
            }

            s = JsonRead.Object(doc, "broker", false, null, errors);
            if (s != null)
            {
                JsonRead.OnlyKnown(s, BrokerFields, "broker", errors);
                string host = null;
                if (JsonRead.String(s, "host", false, 1, 253, "broker", errors, ref host) && host != null)
                {
                    if (!IsHostName(host))
                    {
                        errors.Add("broker.host", ResultCode.InvalidValue, "not a host name or IP address");
                    }
                    else
                    {
                        target.BrokerHost = host;
                    }
                }

                JsonRead.Int(s, "port", false, 1, 65535, "broker", errors, ref target.BrokerPort);
                JsonRead.Bool(s, "tls", false, "broker", errors, ref target.BrokerTls);
                string ca = null;
                if (JsonRead.String(s, "ca", false, 0, MaxCaPemLength, "broker", errors, ref ca) && ca != null)
                {
                    if (ca.Length > 0 && !ca.StartsWith("-----BEGIN CERTIFICATE-----"))
                    {
                        errors.Add("broker.ca", ResultCode.InvalidValue, "must be PEM (-----BEGIN CERTIFICATE-----)");
                    }
                    else
                    {
                        target.BrokerCaPem = ca.Length == 0 ? null : ca;
                    }
                }

                IgnoreIndicator(s, "caSet", "broker", errors);
                JsonRead.String(s, "user", false, 0, 64, "broker", errors, ref target.BrokerUsername);
                JsonRead.String(s, "password", false, 0, 128, "broker", errors, ref target.BrokerPassword);
                IgnoreIndicator(s, "passwordSet", "broker", errors);
                string clientId = null;
                if (JsonRead.String(s, "clientId", false, 0, 64, "broker", errors, ref clientId) && clientId != null)
                {
                    if (clientId.Length > 0 && !Topics.IsValidSegment(clientId))
                    {
                        errors.Add("broker.clientId", ResultCode.InvalidValue, "letters, digits, '-' and '_' only");
                    }
                    else
                    {
                        target.BrokerClientId = clientId.Length == 0 ? null : clientId;
                    }
                }
            }

            s = JsonRead.Object(doc, "security", false, null, errors);
            if (s != null)
            {
                JsonRead.OnlyKnown(s, SecurityFields, "security", errors);
                string key = null;
                if (JsonRead.String(s, "key", false, 64, 64, "security", errors, ref key) && key != null)
                {
                    byte[] bytes = Hex.Decode(key);
                    if (bytes == null || bytes.Length != MessageSigner.KeyLength)
                    {
                        errors.Add("security.key", ResultCode.InvalidValue, "must be 64 hex characters (32 bytes)");
                    }
                    else
                    {
                        target.CommandKey = bytes;
                    }
                }

                IgnoreIndicator(s, "keySet", "security", errors);
            }

            s = JsonRead.Object(doc, "accel", false, null, errors);
            if (s != null)
            {
                JsonRead.OnlyKnown(s, AccelFields, "accel", errors);
                int range = target.AccelRangeG;
                if (JsonRead.Int(s, "rangeG", false, 2, 16, "accel", errors, ref range))
                {
                    if (range != 2 && range != 4 && range != 8 && range != 16)
                    {
                        errors.Add("accel.rangeG", ResultCode.InvalidValue, "must be 2, 4, 8 or 16");
                    }
                    else
                    {
                        target.AccelRangeG = range;
                    }
                }

                JsonRead.Int(s, "odrHz", false, 100, 8000, "accel", errors, ref target.AccelOdrHz);
            }

            s = JsonRead.Object(doc, "sampling", false, null, errors);
            if (s != null)
            {
                JsonRead.OnlyKnown(s, SamplingFields, "sampling", errors);
                int fft = target.FftSize;
                if (JsonRead.Int(s, "fftSize", false, 256, 8192, "sampling", errors, ref fft))
                {
                    if ((fft & (fft - 1)) != 0)
                    {
                        errors.Add("sampling.fftSize", ResultCode.InvalidValue, "must be a power of two (256 to 8192)");
                    }
                    else
                    {
                        target.FftSize = fft;
                    }
                }

                JsonRead.Int(s, "burst", false, 256, 16384, "sampling", errors, ref target.BurstLength);
                JsonRead.Int(s, "currentRateHz", false, 200, 10000, "sampling", errors, ref target.CurrentSampleRateHz);
                JsonRead.Int(s, "currentSamples", false, ConfigValidator.MinCurrentSamples, ConfigValidator.MaxCurrentSamples, "sampling", errors, ref target.CurrentSamples);
            }

            s = JsonRead.Object(doc, "bands", false, null, errors);
            if (s != null)
            {
                JsonRead.OnlyKnown(s, BandsFields, "bands", errors);
                Band(s, "velocity", errors, ref target.VelocityBandLowHz, ref target.VelocityBandHighHz);
                Band(s, "hf", errors, ref target.HfBandLowHz, ref target.HfBandHighHz);
                Band(s, "envelope", errors, ref target.EnvelopeBandLowHz, ref target.EnvelopeBandHighHz);
            }

            s = JsonRead.Object(doc, "iso", false, null, errors);
            if (s != null)
            {
                ApplyIso(s, target, errors);
            }

            s = JsonRead.Object(doc, "bearing", false, null, errors);
            if (s != null)
            {
                JsonRead.OnlyKnown(s, BearingFields, "bearing", errors);
                JsonRead.Int(s, "n", false, 0, 64, "bearing", errors, ref target.BearingBalls);
                JsonRead.Float(s, "d", false, 0, 1000, "bearing", errors, ref target.BearingBallDiameterMm);
                JsonRead.Float(s, "D", false, 0, 2000, "bearing", errors, ref target.BearingPitchDiameterMm);
                JsonRead.Float(s, "angle", false, 0, 60, "bearing", errors, ref target.BearingContactAngleDeg);
            }

            s = JsonRead.Object(doc, "shaft", false, null, errors);
            if (s != null)
            {
                JsonRead.OnlyKnown(s, ShaftFields, "shaft", errors);
                string mode = null;
                if (JsonRead.String(s, "mode", false, 1, 16, "shaft", errors, ref mode) && mode != null)
                {
                    int m = ShaftModeIndex(mode);
                    if (m < 0)
                    {
                        errors.Add("shaft.mode", ResultCode.InvalidValue, "must be none, fixed or estimate");
                    }
                    else
                    {
                        target.ShaftMode = m;
                    }
                }

                JsonRead.Float(s, "rpm", false, 0, 120000, "shaft", errors, ref target.ShaftRpm);
                JsonRead.Float(s, "minRpm", false, 0, 120000, "shaft", errors, ref target.ShaftMinRpm);
                JsonRead.Float(s, "maxRpm", false, 0, 120000, "shaft", errors, ref target.ShaftMaxRpm);
            }

            s = JsonRead.Object(doc, "ct", false, null, errors);
            if (s != null)
            {
                JsonRead.OnlyKnown(s, CtFields, "ct", errors);
                JsonRead.Bool(s, "enabled", false, "ct", errors, ref target.CtEnabled);
                JsonRead.Float(s, "turns", false, 1, 100000, "ct", errors, ref target.CtTurns);
                JsonRead.Float(s, "burdenOhm", false, 0.1, 100000, "ct", errors, ref target.CtBurdenOhm);
                JsonRead.Float(s, "adcRefV", false, 0.5, 5, "ct", errors, ref target.CtAdcReferenceV);
                JsonRead.Float(s, "gain", false, 0.01, 100, "ct", errors, ref target.CtGain);
                JsonRead.Float(s, "offset", false, -1000, 1000, "ct", errors, ref target.CtOffsetA);
                JsonRead.Float(s, "nominalV", false, 1, 100000, "ct", errors, ref target.NominalVoltageV);
                JsonRead.Float(s, "pf", false, 0, 1, "ct", errors, ref target.PowerFactor);
                JsonRead.Float(s, "lineHz", false, 40, 70, "ct", errors, ref target.LineFrequencyHz);
            }

            s = JsonRead.Object(doc, "running", false, null, errors);
            if (s != null)
            {
                JsonRead.OnlyKnown(s, RunningFields, "running", errors);
                JsonRead.Float(s, "threshold", false, 0, 10000, "running", errors, ref target.RunningThresholdA);
                JsonRead.Float(s, "hysteresis", false, 0, 10000, "running", errors, ref target.RunningHysteresisA);
            }

            JsonNode list = doc.Get("thresholds");
            if (list != null)
            {
                ApplyThresholds(list, target, errors);
            }

            s = JsonRead.Object(doc, "baseline", false, null, errors);
            if (s != null)
            {
                JsonRead.OnlyKnown(s, BaselineFields, "baseline", errors);
                JsonRead.Int(s, "windows", false, 10, 100000, "baseline", errors, ref target.BaselineWindows);
                JsonRead.Float(s, "k", false, 1, 100, "baseline", errors, ref target.BaselineK);
                JsonRead.Float(s, "cap", false, 0, 1000, "baseline", errors, ref target.BaselineCapMmS);
            }

            s = JsonRead.Object(doc, "report", false, null, errors);
            if (s != null)
            {
                JsonRead.OnlyKnown(s, ReportFields, "report", errors);
                JsonRead.Int(s, "intervalS", false, 1, 86400, "report", errors, ref target.ReportIntervalS);
                JsonRead.Int(s, "alarmIntervalS", false, 1, 86400, "report", errors, ref target.AlarmReportIntervalS);
                JsonRead.Int(s, "healthIntervalS", false, 10, 86400, "report", errors, ref target.HealthIntervalS);
            }

            s = JsonRead.Object(doc, "temp", false, null, errors);
            if (s != null)
            {
                JsonRead.OnlyKnown(s, TempFields, "temp", errors);
                JsonRead.Float(s, "smoothing", false, 0.001, 1, "temp", errors, ref target.TemperatureSmoothing);
            }

            s = JsonRead.Object(doc, "queue", false, null, errors);
            if (s != null)
            {
                JsonRead.OnlyKnown(s, QueueFields, "queue", errors);
                JsonRead.Int(s, "capacity", false, 1, 4096, "queue", errors, ref target.QueueCapacity);
                JsonRead.Bool(s, "spill", false, "queue", errors, ref target.QueueSpill);
                JsonRead.Int(s, "spillCapacity", false, 0, 100000, "queue", errors, ref target.SpillCapacity);
            }

            return errors.Total == before;
        }

        /// <summary>
        /// Turns a flat map of dotted paths (provisioning "set": {"broker.port": 8883, "bands.velocity.lo": 2})
        /// into the nested document <see cref="Apply"/> takes. Errors for empty or conflicting paths.
        /// </summary>
        public static JsonNode NestFlat(JsonNode flat, FieldErrors errors)
        {
            var root = new JsonNode();
            root.Kind = JsonKind.Object;
            if (flat == null || !flat.IsObject)
            {
                errors.Add("", ResultCode.WrongType, "fields must be an object");
                return null;
            }

            for (int i = 0; i < flat.Count; i++)
            {
                string path = flat.NameAt(i);
                string[] parts = path.Split('.');
                if (parts.Length > 4)
                {
                    errors.Add(path, ResultCode.UnknownField, "path too deep");
                    continue;
                }

                JsonNode at = root;
                bool ok = true;
                for (int p = 0; p < parts.Length - 1 && ok; p++)
                {
                    if (parts[p].Length == 0)
                    {
                        ok = false;
                        break;
                    }

                    JsonNode next = at.Get(parts[p]);
                    if (next == null)
                    {
                        next = new JsonNode();
                        next.Kind = JsonKind.Object;
                        at.AddMember(parts[p], -1, next);
                    }
                    else if (!next.IsObject || next.Start != 0 || next.End != 0)
                    {
                        ok = false;
                        break;
                    }

                    at = next;
                }

                string leaf = parts[parts.Length - 1];
                if (!ok || leaf.Length == 0 || at.Get(leaf) != null)
                {
                    errors.Add(path, ResultCode.InvalidValue, "empty or conflicting path");
                    continue;
                }

                at.AddMember(leaf, -1, flat.ItemAt(i));
            }

            return root;
        }

        private static void Segment(JsonNode s, string name, string prefix, FieldErrors errors, ref string value)
        {
            string v = null;
            if (JsonRead.String(s, name, false, 1, Topics.MaxSegmentLength, prefix, errors, ref v) && v != null)
            {
                if (!Topics.IsValidSegment(v))
                {
                    errors.Add(prefix + "." + name, ResultCode.InvalidValue, "letters, digits, '-' and '_' only");
                    return;
                }

                value = v;
            }
        }

        private static void IgnoreIndicator(JsonNode s, string name, string prefix, FieldErrors errors)
        {
            bool ignored = false;
            JsonRead.Bool(s, name, false, prefix, errors, ref ignored);
        }

        private static void Band(JsonNode bands, string name, FieldErrors errors, ref float low, ref float high)
        {
            JsonNode b = JsonRead.Object(bands, name, false, "bands", errors);
            if (b == null)
            {
                return;
            }

            string prefix = "bands." + name;
            JsonRead.OnlyKnown(b, BandFields, prefix, errors);
            JsonRead.Float(b, "lo", false, 0.1, 20000, prefix, errors, ref low);
            JsonRead.Float(b, "hi", false, 0.1, 20000, prefix, errors, ref high);
        }

        private static void ApplyIso(JsonNode s, NodeConfig target, FieldErrors errors)
        {
            JsonRead.OnlyKnown(s, IsoFields, "iso", errors);
            string standard = null;
            if (JsonRead.String(s, "standard", false, 1, 16, "iso", errors, ref standard) && standard != null)
            {
                int st = IsoStandardIndex(standard);
                if (st < 0)
                {
                    errors.Add("iso.standard", ResultCode.InvalidValue, "must be none, 10816-1 or 10816-3");
                }
                else
                {
                    target.IsoStandard = st;
                }
            }

            string cls = null;
            if (JsonRead.String(s, "class", false, 1, 3, "iso", errors, ref cls) && cls != null)
            {
                int c = -1;
                for (int i = 0; i < RomanClasses.Length; i++)
                {
                    if (RomanClasses[i] == cls)
                    {
                        c = i + 1;
                    }
                }

                if (c < 0)
                {
                    errors.Add("iso.class", ResultCode.InvalidValue, "must be I, II, III or IV");
                }
                else
                {
                    target.IsoClass = c;
                }
            }

            JsonRead.Int(s, "group", false, 1, 2, "iso", errors, ref target.IsoGroup);
            string foundation = null;
            if (JsonRead.String(s, "foundation", false, 1, 16, "iso", errors, ref foundation) && foundation != null)
            {
                if (foundation == "rigid")
                {
                    target.IsoFlexible = false;
                }
                else if (foundation == "flexible")
                {
                    target.IsoFlexible = true;
                }
                else
                {
                    errors.Add("iso.foundation", ResultCode.InvalidValue, "must be rigid or flexible");
                }
            }
        }

        private static void ApplyThresholds(JsonNode list, NodeConfig target, FieldErrors errors)
        {
            if (!list.IsArray)
            {
                errors.Add("thresholds", ResultCode.WrongType, "must be an array");
                return;
            }

            if (list.Count > NodeConfig.MaxThresholds)
            {
                errors.Add("thresholds", ResultCode.TooMany, "at most 16 thresholds");
                return;
            }

            int count = 0;
            for (int i = 0; i < list.Count; i++)
            {
                string prefix = "thresholds[" + i.ToString() + "]";
                JsonNode t = list.ItemAt(i);
                if (!t.IsObject)
                {
                    errors.Add(prefix, ResultCode.WrongType, "must be an object");
                    continue;
                }

                int before = errors.Total;
                JsonRead.OnlyKnown(t, ThresholdFields, prefix, errors);
                string feature = null;
                JsonRead.String(t, "feature", true, 1, 16, prefix, errors, ref feature);
                if (feature != null && !FeatureKeys.IsFeature(feature))
                {
                    errors.Add(prefix + ".feature", ResultCode.InvalidValue, "not a telemetry feature key");
                }

                string axisName = "all";
                JsonRead.String(t, "axis", false, 1, 3, prefix, errors, ref axisName);
                int axis = axisName == "all" ? -1 : FeatureKeys.AxisIndex(axisName);
                if (axisName != "all" && axis < 0)
                {
                    errors.Add(prefix + ".axis", ResultCode.InvalidValue, "must be x, y, z or all");
                }
                else if (axis >= 0 && feature != null && FeatureKeys.IsScalarFeature(feature))
                {
                    errors.Add(prefix + ".axis", ResultCode.Inconsistent, "a node-wide feature has no axis");
                }

                float warning = 0;
                float alarm = 0;
                float hysteresis = 0;
                int onDelay = 0;
                JsonRead.Float(t, "warning", true, -1e9, 1e9, prefix, errors, ref warning);
                JsonRead.Float(t, "alarm", true, -1e9, 1e9, prefix, errors, ref alarm);
                JsonRead.Float(t, "hysteresis", false, 0, 1e9, prefix, errors, ref hysteresis);
                JsonRead.Int(t, "onDelay", false, 0, 1000, prefix, errors, ref onDelay);
                if (errors.Total != before)
                {
                    continue;
                }

                if (alarm < warning)
                {
                    errors.Add(prefix + ".alarm", ResultCode.Inconsistent, "alarm must not be below warning");
                    continue;
                }

                FeatureThreshold slot = target.Thresholds[count++];
                slot.Feature = feature;
                slot.Axis = axis;
                slot.Warning = warning;
                slot.Alarm = alarm;
                slot.Hysteresis = hysteresis;
                slot.OnDelayWindows = onDelay;
            }

            target.ThresholdCount = count;
        }

        private static int IsoStandardIndex(string s)
        {
            switch (s)
            {
                case "none": return NodeConfig.IsoNone;
                case "10816-1": return NodeConfig.Iso10816Part1;
                case "10816-3": return NodeConfig.Iso10816Part3;
                default: return -1;
            }
        }

        private static string IsoStandardName(int s)
        {
            switch (s)
            {
                case NodeConfig.Iso10816Part1: return "10816-1";
                case NodeConfig.Iso10816Part3: return "10816-3";
                default: return "none";
            }
        }

        private static int ShaftModeIndex(string s)
        {
            switch (s)
            {
                case "none": return NodeConfig.ShaftNone;
                case "fixed": return NodeConfig.ShaftFixed;
                case "estimate": return NodeConfig.ShaftEstimate;
                default: return -1;
            }
        }

        private static string ShaftModeName(int m)
        {
            switch (m)
            {
                case NodeConfig.ShaftFixed: return "fixed";
                case NodeConfig.ShaftEstimate: return "estimate";
                default: return "none";
            }
        }

        /// <summary>True for a DNS name or IPv4 literal: letters, digits, '-', '.', at most 253 chars,
        /// no empty label (IPv6 literals contain ':' and are accepted as-is).</summary>
        private static bool IsHostName(string host)
        {
            if (host.Length == 0 || host.Length > 253 || host[0] == '.' || host[0] == '-')
            {
                return false;
            }

            bool ipv6 = host.IndexOf(':') >= 0;
            char previous = '.';
            for (int i = 0; i < host.Length; i++)
            {
                char c = host[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || (ipv6 && ((c >= 'a' && c <= 'f') || c == ':'));
                if (!ok || (c == '.' && previous == '.'))
                {
                    return false;
                }

                previous = c;
            }

            return true;
        }

        // =====================================================================================================
        // Write
        // =====================================================================================================

        /// <summary>Writes the whole config as one JSON object in a fixed member order (see the Mode* constants).</summary>
        public static void Write(JsonWriter w, NodeConfig c, int mode)
        {
            bool redact = mode != ModeFull;
            w.BeginObject();
            w.Prop("schema", NodeConfig.SchemaVersion);

            w.Name("node");
            w.BeginObject();
            OptionalString(w, "id", c.NodeId);
            OptionalString(w, "site", c.Site);
            OptionalString(w, "asset", c.AssetName);
            w.EndObject();

            w.Name("wifi");
            w.BeginObject();
            OptionalString(w, "ssid", c.WifiSsid);
            Secret(w, "password", c.WifiPassword, redact);
            w.EndObject();

            w.Name("broker");
            w.BeginObject();
            OptionalString(w, "host", c.BrokerHost);
            w.Prop("port", c.BrokerPort);
            w.Prop("tls", c.BrokerTls);
            if (mode == ModeRedacted)
            {
                w.Prop("caSet", c.BrokerCaPem != null && c.BrokerCaPem.Length > 0);
            }
            else
            {
                OptionalString(w, "ca", c.BrokerCaPem);
            }

            OptionalString(w, "user", c.BrokerUsername);
            Secret(w, "password", c.BrokerPassword, redact);
            OptionalString(w, "clientId", c.BrokerClientId);
            w.EndObject();

            w.Name("security");
            w.BeginObject();
            if (redact)
            {
                w.Prop("keySet", c.CommandKey != null);
            }
            else if (c.CommandKey != null)
            {
                w.Name("key");
                w.Hex(c.CommandKey, 0, c.CommandKey.Length);
            }

            w.EndObject();

            w.Name("accel");
            w.BeginObject();
            w.Prop("rangeG", c.AccelRangeG);
            w.Prop("odrHz", c.AccelOdrHz);
            w.EndObject();

            w.Name("sampling");
            w.BeginObject();
            w.Prop("fftSize", c.FftSize);
            w.Prop("burst", c.BurstLength);
            w.Prop("currentRateHz", c.CurrentSampleRateHz);
            w.Prop("currentSamples", c.CurrentSamples);
            w.EndObject();

            w.Name("bands");
            w.BeginObject();
            WriteBand(w, "velocity", c.VelocityBandLowHz, c.VelocityBandHighHz);
            WriteBand(w, "hf", c.HfBandLowHz, c.HfBandHighHz);
            WriteBand(w, "envelope", c.EnvelopeBandLowHz, c.EnvelopeBandHighHz);
            w.EndObject();

            w.Name("iso");
            w.BeginObject();
            w.Prop("standard", IsoStandardName(c.IsoStandard));
            w.Prop("class", RomanClasses[c.IsoClass >= 1 && c.IsoClass <= 4 ? c.IsoClass - 1 : 1]);
            w.Prop("group", c.IsoGroup);
            w.Prop("foundation", c.IsoFlexible ? "flexible" : "rigid");
            w.EndObject();

            w.Name("bearing");
            w.BeginObject();
            w.Prop("n", c.BearingBalls);
            w.Prop("d", c.BearingBallDiameterMm);
            w.Prop("D", c.BearingPitchDiameterMm);
            w.Prop("angle", c.BearingContactAngleDeg);
            w.EndObject();

            w.Name("shaft");
            w.BeginObject();
            w.Prop("mode", ShaftModeName(c.ShaftMode));
            w.Prop("rpm", c.ShaftRpm);
            w.Prop("minRpm", c.ShaftMinRpm);
            w.Prop("maxRpm", c.ShaftMaxRpm);
            w.EndObject();

            w.Name("ct");
            w.BeginObject();
            w.Prop("enabled", c.CtEnabled);
            w.Prop("turns", c.CtTurns);
            w.Prop("burdenOhm", c.CtBurdenOhm);
            w.Prop("adcRefV", c.CtAdcReferenceV);
            w.Prop("gain", c.CtGain);
            w.Prop("offset", c.CtOffsetA);
            w.Prop("nominalV", c.NominalVoltageV);
            w.Prop("pf", c.PowerFactor);
            w.Prop("lineHz", c.LineFrequencyHz);
            w.EndObject();

            w.Name("running");
            w.BeginObject();
            w.Prop("threshold", c.RunningThresholdA);
            w.Prop("hysteresis", c.RunningHysteresisA);
            w.EndObject();

            w.Name("thresholds");
            w.BeginArray();
            for (int i = 0; i < c.ThresholdCount; i++)
            {
                FeatureThreshold t = c.Thresholds[i];
                w.BeginObject();
                w.Prop("feature", t.Feature);
                w.Prop("axis", t.Axis < 0 ? "all" : FeatureKeys.AxisName(t.Axis));
                w.Prop("warning", t.Warning);
                w.Prop("alarm", t.Alarm);
                w.Prop("hysteresis", t.Hysteresis);
                w.Prop("onDelay", t.OnDelayWindows);
                w.EndObject();
            }

            w.EndArray();

            w.Name("baseline");
            w.BeginObject();
            w.Prop("windows", c.BaselineWindows);
            w.Prop("k", c.BaselineK);
            w.Prop("cap", c.BaselineCapMmS);
            w.EndObject();

            w.Name("report");
            w.BeginObject();
            w.Prop("intervalS", c.ReportIntervalS);
            w.Prop("alarmIntervalS", c.AlarmReportIntervalS);
            w.Prop("healthIntervalS", c.HealthIntervalS);
            w.EndObject();

            w.Name("temp");
            w.BeginObject();
            w.Prop("smoothing", c.TemperatureSmoothing);
            w.EndObject();

            w.Name("queue");
            w.BeginObject();
            w.Prop("capacity", c.QueueCapacity);
            w.Prop("spill", c.QueueSpill);
            w.Prop("spillCapacity", c.SpillCapacity);
            w.EndObject();

            w.EndObject();
        }

        /// <summary>The reported-config payload (.../config/reported): {"ctr": last applied counter, "hash": ..., "config": redacted}.</summary>
        public static bool WriteReported(JsonWriter w, NodeConfig c, string hash, long counter)
        {
            w.Restart();
            w.BeginObject();
            w.Prop("ctr", counter);
            w.Prop("hash", hash);
            w.Name("config");
            Write(w, c, ModeRedacted);
            w.EndObject();
            return w.IsComplete;
        }

        /// <summary>Host side: reads a .../config/reported payload into <paramref name="into"/> (reset to defaults
        /// first; secrets stay null), with the counter and hash. Returns ResultCode.Ok or the first problem.</summary>
        public static int ReadReported(byte[] payload, int offset, int length, NodeConfig into, out long counter, out string hash, FieldErrors errors)
        {
            counter = 0;
            hash = null;
            JsonParser parser = NewParser();
            JsonNode root = parser.Parse(payload, offset, length);
            if (root == null)
            {
                return ResultCode.FromJsonError(parser.Error);
            }

            if (!root.IsObject)
            {
                return ResultCode.WrongType;
            }

            errors.Clear();
            JsonRead.Long(root, "ctr", true, 0, long.MaxValue, null, errors, ref counter);
            JsonRead.String(root, "hash", true, 16, 16, null, errors, ref hash);
            JsonNode doc = JsonRead.Object(root, "config", true, null, errors);
            if (doc != null)
            {
                into.ResetToDefaults();
                Apply(doc, into, errors);
            }

            return errors.Count == 0 ? ResultCode.Ok : errors[0].Code;
        }

        private static void WriteBand(JsonWriter w, string name, float lo, float hi)
        {
            w.Name(name);
            w.BeginObject();
            w.Prop("lo", lo);
            w.Prop("hi", hi);
            w.EndObject();
        }

        private static void OptionalString(JsonWriter w, string name, string value)
        {
            if (value != null)
            {
                w.Prop(name, value);
            }
        }

        private static void Secret(JsonWriter w, string name, string value, bool redact)
        {
            if (redact)
            {
                w.Prop(name + "Set", value != null && value.Length > 0);
            }
            else if (value != null)
            {
                w.Prop(name, value);
            }
        }
    }
}
