package main

import (
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Config is the whole configuration, shaped like config.example.yaml. Every
// key can also be set from the environment as RUNCLUB_<SECTION>_<KEY>.
type Config struct {
	Database DatabaseConfig `yaml:"database"`
	Telegram TelegramConfig `yaml:"telegram"`
	Discord  DiscordConfig  `yaml:"discord"`
	HTTP     HTTPConfig     `yaml:"http"`
	Leader   LeaderConfig   `yaml:"leader"`
	Defaults DefaultsConfig `yaml:"defaults"`
	Log      LogConfig      `yaml:"log"`
	Console  ConsoleConfig  `yaml:"console"`
}

// ConsoleConfig configures the terminal chat.
type ConsoleConfig struct {
	// ImageDir is where pictures (/trend, the weekly summaries) are saved;
	// the current folder when empty.
	ImageDir string `yaml:"image_dir"`
}

// DatabaseConfig says where the data lives and, for PostgreSQL, how many
// connections a process keeps (config_database.go reads the pool keys).
type DatabaseConfig struct {
	Driver          string `yaml:"driver"`
	DSN             string `yaml:"dsn"`
	MaxOpenConns    string `yaml:"max_open_conns"`
	MaxIdleConns    string `yaml:"max_idle_conns"`
	ConnMaxLifetime string `yaml:"conn_max_lifetime"`
	ConnMaxIdleTime string `yaml:"conn_max_idle_time"`
}

// TelegramConfig configures the Telegram adapter; it runs when a token is set.
type TelegramConfig struct {
	// Token comes from RUNCLUB_TELEGRAM_TOKEN or TokenFile, never from YAML.
	Token         string `yaml:"token"`
	TokenFile     string `yaml:"token_file"`
	APIURL        string `yaml:"api_url"`
	Mode          string `yaml:"mode"`
	WebhookURL    string `yaml:"webhook_url"`
	WebhookSecret string `yaml:"webhook_secret"`
}

// DiscordConfig configures the Discord adapter; it runs when a token is set.
type DiscordConfig struct {
	Token     string `yaml:"token"`
	TokenFile string `yaml:"token_file"`
	APIURL    string `yaml:"api_url"`
	GuildID   string `yaml:"guild_id"`
	// PublicKey turns on the HTTP interactions endpoint.
	PublicKey string `yaml:"public_key"`
	// Mode is "gateway" (default) or "interactions" (no gateway: the
	// endpoint only, for replicas).
	Mode string `yaml:"mode"`
}

// HTTPConfig is the operator's endpoint for health checks.
type HTTPConfig struct {
	Addr string `yaml:"addr"`
}

// LeaderConfig paces the election of the one replica that runs the
// schedule and the pushes (PostgreSQL only; config_leader.go reads it).
type LeaderConfig struct {
	RetryInterval string `yaml:"retry_interval"`
	PingInterval  string `yaml:"ping_interval"`
}

// DefaultsConfig are the settings new members and clubs start with.
type DefaultsConfig struct {
	Timezone string `yaml:"timezone"`
	Wake     string `yaml:"wake"`
	Bed      string `yaml:"bed"`
	WindDown string `yaml:"wind_down"`
	Weekly   string `yaml:"weekly"`
}

// LogConfig sets the structured logger.
type LogConfig struct {
	Level  string `yaml:"level"`
	Format string `yaml:"format"`
}

// webhookSecret is what Telegram accepts as setWebhook's secret_token.
var webhookSecret = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// defaultConfig is what runs with no file and no environment: SQLite in the
// working folder and, with no token, the console.
func defaultConfig() Config {
	return Config{
		Database: DatabaseConfig{Driver: "sqlite", DSN: "runclub.db", MaxOpenConns: "20", ConnMaxLifetime: "1h", ConnMaxIdleTime: "10m"},
		Telegram: TelegramConfig{APIURL: "https://api.telegram.org", Mode: "polling"},
		Discord:  DiscordConfig{APIURL: "https://discord.com/api/v9/", Mode: "gateway"},
		HTTP:     HTTPConfig{Addr: ":8080"},
		Leader:   LeaderConfig{RetryInterval: "5s", PingInterval: "1s"},
		Defaults: DefaultsConfig{Timezone: "UTC", Wake: "06:30", Bed: "22:30", WindDown: "60m", Weekly: "Sun 18:00"},
		Log:      LogConfig{Level: "info", Format: "json"},
	}
}

// ConfigError names the key that is wrong, so the operator can fix it.
type ConfigError struct {
	Key    string
	Reason string
}

// Error implements error.
func (e *ConfigError) Error() string { return fmt.Sprintf("config: %s: %s", e.Key, e.Reason) }

// loadConfig reads path (if not empty) over the defaults, then the
// environment, then validates. environ is os.Environ() in production.
func loadConfig(path string, environ []string) (Config, error) {
	cfg := defaultConfig()
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return cfg, &ConfigError{Key: "-config", Reason: fmt.Sprintf("cannot read %s: %v", path, errors.Unwrap(err))}
		}
		var fromFile Config
		if err := yaml.Unmarshal(data, &fromFile); err != nil {
			return cfg, &ConfigError{Key: path, Reason: "not valid YAML: " + err.Error()}
		}
		if fromFile.Telegram.Token != "" {
			return cfg, &ConfigError{Key: "telegram.token", Reason: "do not put tokens in the config file; set RUNCLUB_TELEGRAM_TOKEN or telegram.token_file"}
		}
		if fromFile.Discord.Token != "" {
			return cfg, &ConfigError{Key: "discord.token", Reason: "do not put tokens in the config file; set RUNCLUB_DISCORD_TOKEN or discord.token_file"}
		}
		if err := yaml.Unmarshal(data, &cfg); err != nil {
			return cfg, &ConfigError{Key: path, Reason: "not valid YAML: " + err.Error()}
		}
		if err := rejectUnknownKeys(data); err != nil {
			return cfg, err
		}
	}
	if err := applyEnv(&cfg, environ); err != nil {
		return cfg, err
	}
	for _, tok := range []struct {
		key  string
		file string
		dst  *string
	}{{"telegram.token_file", cfg.Telegram.TokenFile, &cfg.Telegram.Token}, {"discord.token_file", cfg.Discord.TokenFile, &cfg.Discord.Token}} {
		if tok.file == "" || *tok.dst != "" {
			continue
		}
		data, err := os.ReadFile(tok.file)
		if err != nil {
			return cfg, &ConfigError{Key: tok.key, Reason: fmt.Sprintf("cannot read the token file: %v", errors.Unwrap(err))}
		}
		*tok.dst = strings.TrimSpace(string(data))
	}
	return cfg, cfg.validate()
}

// rejectUnknownKeys catches typos such as "telgram:" that YAML would ignore.
func rejectUnknownKeys(data []byte) error {
	var raw map[string]map[string]any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return &ConfigError{Key: "config", Reason: "each top-level key must be a section of key: value pairs"}
	}
	known := map[string]map[string]bool{}
	forEachKey(&Config{}, func(section, key string, _ reflect.Value) {
		if known[section] == nil {
			known[section] = map[string]bool{}
		}
		known[section][key] = true
	})
	for section, keys := range raw {
		if known[section] == nil {
			return &ConfigError{Key: section, Reason: "unknown section (known: database, telegram, discord, http, leader, defaults, log)"}
		}
		for key := range keys {
			if !known[section][key] {
				return &ConfigError{Key: section + "." + key, Reason: "unknown key"}
			}
		}
	}
	return nil
}

// forEachKey visits every section.key of cfg with its settable field.
func forEachKey(cfg *Config, fn func(section, key string, field reflect.Value)) {
	v := reflect.ValueOf(cfg).Elem()
	for i := 0; i < v.NumField(); i++ {
		section := v.Type().Field(i).Tag.Get("yaml")
		sv := v.Field(i)
		for j := 0; j < sv.NumField(); j++ {
			fn(section, sv.Type().Field(j).Tag.Get("yaml"), sv.Field(j))
		}
	}
}

// applyEnv sets every key named RUNCLUB_<SECTION>_<KEY> in the environment.
// A variable that names a section but no key of it is refused, as an
// unknown key in the file is: RUNCLUB_DATABASE_DNS ignored would leave a
// replica on a SQLite file of its own. The value is never repeated.
func applyEnv(cfg *Config, environ []string) error {
	env := map[string]string{}
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok && strings.HasPrefix(k, "RUNCLUB_") {
			env[k] = v
		}
	}
	sections := map[string]bool{}
	forEachKey(cfg, func(section, key string, field reflect.Value) {
		sections["RUNCLUB_"+strings.ToUpper(section)+"_"] = true
		name := "RUNCLUB_" + strings.ToUpper(section) + "_" + strings.ToUpper(key)
		if v, ok := env[name]; ok {
			field.SetString(v)
			delete(env, name)
		}
	})
	var unknown []string
	for name := range env {
		for prefix := range sections {
			if strings.HasPrefix(name, prefix) {
				unknown = append(unknown, name)
			}
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return &ConfigError{Key: unknown[0], Reason: "unknown variable; config.example.yaml lists every key (RUNCLUB_<SECTION>_<KEY>)"}
	}
	return nil
}

// validate checks every key, naming the first one that is wrong.
func (c Config) validate() error {
	if err := c.Database.validate(); err != nil {
		return err
	}
	if _, _, err := c.Leader.intervals(); err != nil {
		return err
	}
	for _, u := range []struct{ key, val string }{{"telegram.api_url", c.Telegram.APIURL}, {"discord.api_url", c.Discord.APIURL}} {
		if p, err := url.Parse(u.val); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			return &ConfigError{Key: u.key, Reason: fmt.Sprintf("%q is not an http(s) URL", u.val)}
		}
	}
	switch c.Telegram.Mode {
	case "polling":
	case "webhook":
		if c.Telegram.WebhookURL == "" {
			return &ConfigError{Key: "telegram.webhook_url", Reason: "webhook mode needs telegram.webhook_url and telegram.webhook_secret"}
		}
		if u, err := url.Parse(c.Telegram.WebhookURL); err != nil || u.Scheme != "https" || u.Host == "" {
			return &ConfigError{Key: "telegram.webhook_url", Reason: fmt.Sprintf("%q is not an https URL; Telegram only posts updates over HTTPS", c.Telegram.WebhookURL)}
		}
		// Telegram's setWebhook refuses any other secret_token; the reason
		// never repeats the secret.
		if !webhookSecret.MatchString(c.Telegram.WebhookSecret) {
			return &ConfigError{Key: "telegram.webhook_secret", Reason: "webhook mode needs a secret of 1 to 256 characters, each a letter A–Z or a–z, a digit, _ or -"}
		}
	default:
		return &ConfigError{Key: "telegram.mode", Reason: fmt.Sprintf("%q is not a mode; use polling or webhook", c.Telegram.Mode)}
	}
	if err := c.Discord.validate(); err != nil {
		return err
	}
	if _, err := c.handlerDefaults(); err != nil {
		return err
	}
	if _, err := parseLevel(c.Log.Level); err != nil {
		return &ConfigError{Key: "log.level", Reason: err.Error()}
	}
	if c.Log.Format != "json" && c.Log.Format != "text" {
		return &ConfigError{Key: "log.format", Reason: fmt.Sprintf("%q is not a format; use json or text", c.Log.Format)}
	}
	if d := c.Console.ImageDir; d != "" {
		if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
			return &ConfigError{Key: "console.image_dir", Reason: fmt.Sprintf("%q is not a folder; create it, or leave the key empty for the current folder", d)}
		}
	}
	return nil
}

// validate checks the Discord keys that the adapter would refuse later,
// naming the key.
func (d DiscordConfig) validate() error {
	if d.PublicKey != "" {
		if key, err := hex.DecodeString(strings.TrimSpace(d.PublicKey)); err != nil || len(key) != ed25519.PublicKeySize {
			return &ConfigError{Key: "discord.public_key", Reason: "not 64 hex characters; copy the application's Public Key from the Discord Developer Portal"}
		}
	}
	switch d.Mode {
	case "gateway":
	case "interactions":
		if d.PublicKey == "" {
			return &ConfigError{Key: "discord.mode", Reason: "interactions mode needs discord.public_key, which signs what Discord posts to /discord/interactions"}
		}
	default:
		return &ConfigError{Key: "discord.mode", Reason: fmt.Sprintf("%q is not a mode; use gateway or interactions", d.Mode)}
	}
	return nil
}
