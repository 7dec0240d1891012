package telegramtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// File is an uploaded file of a multipart request.
type File struct {
	Field string
	Name  string
	Data  []byte
	// Width and Height are an uploaded photo's, as the fake decoded it.
	Width, Height int
}

// request is a parsed Bot API call: every parameter as its string form (the
// way Telegram reads form fields) and the uploaded files.
type request struct {
	ctx     context.Context
	arrived time.Time
	method  string
	params  map[string]string
	files   map[string]File
}

const maxRequestBytes = 50 << 20 // Telegram's upload limit for bots

// parseRequest reads parameters from the query string and from a JSON,
// urlencoded or multipart body, as the Bot API accepts all of them.
func parseRequest(r *http.Request) (*request, error) {
	req := &request{params: map[string]string{}, files: map[string]File{}}
	for k, v := range r.URL.Query() {
		req.params[k] = v[0]
	}
	if r.Body == nil {
		return req, nil
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		var m map[string]json.RawMessage
		body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBytes))
		if err != nil {
			return nil, fmt.Errorf("can't read request body: %v", err)
		}
		if len(strings.TrimSpace(string(body))) == 0 {
			return req, nil
		}
		if err := json.Unmarshal(body, &m); err != nil {
			return nil, fmt.Errorf("can't parse JSON request: %v", err)
		}
		for k, raw := range m {
			var str string
			if json.Unmarshal(raw, &str) == nil {
				req.params[k] = str
			} else {
				req.params[k] = string(raw)
			}
		}
	case "application/x-www-form-urlencoded":
		r.Body = http.MaxBytesReader(nil, r.Body, maxRequestBytes)
		if err := r.ParseForm(); err != nil {
			return nil, fmt.Errorf("can't parse form: %v", err)
		}
		for k, v := range r.PostForm {
			req.params[k] = v[0]
		}
	case "multipart/form-data":
		// Clients send an empty body for methods without parameters.
		body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBytes))
		if err != nil {
			return nil, fmt.Errorf("can't read request body: %v", err)
		}
		if len(body) == 0 {
			return req, nil
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		if err := r.ParseMultipartForm(maxRequestBytes); err != nil {
			return nil, fmt.Errorf("can't parse multipart form: %v", err)
		}
		for k, v := range r.MultipartForm.Value {
			req.params[k] = v[0]
		}
		for k, fhs := range r.MultipartForm.File {
			f, err := fhs[0].Open()
			if err != nil {
				return nil, fmt.Errorf("can't read file %s: %v", k, err)
			}
			data, err := io.ReadAll(f)
			f.Close()
			if err != nil {
				return nil, fmt.Errorf("can't read file %s: %v", k, err)
			}
			req.files[k] = File{Field: k, Name: fhs[0].Filename, Data: data}
		}
	}
	return req, nil
}

func (r *request) str(key string) string { return r.params[key] }

func (r *request) int64(key string, required bool) (int64, *apiError) {
	v, ok := r.params[key]
	if !ok || v == "" {
		if required {
			return 0, badRequest("%s is empty", key)
		}
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, badRequest("invalid %s specified", key)
	}
	return n, nil
}

// chatID reads chat_id; channel usernames are not supported by the fake.
func (r *request) chatID() (int64, *apiError) {
	v := r.params["chat_id"]
	if v == "" {
		return 0, badRequest("chat_id is empty")
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, badRequest("chat not found")
	}
	return n, nil
}

func (r *request) bool(key string) bool {
	v := r.params[key]
	return v == "true" || v == "1" || v == "True"
}

// keyboard reads reply_markup as an inline keyboard.
func (r *request) keyboard() (*InlineKeyboard, *apiError) {
	v := r.params["reply_markup"]
	if v == "" || v == "null" {
		return nil, nil
	}
	var kb InlineKeyboard
	if err := json.Unmarshal([]byte(v), &kb); err != nil {
		return nil, badRequest("can't parse reply keyboard markup JSON object")
	}
	for _, row := range kb.InlineKeyboard {
		for _, b := range row {
			if b.Text == "" {
				return nil, badRequest("text buttons are unallowed in the inline keyboard")
			}
			if len(b.CallbackData) > 64 {
				return nil, badRequest("BUTTON_DATA_INVALID")
			}
			if b.CallbackData == "" && b.URL == "" {
				return nil, badRequest("BUTTON_TYPE_INVALID")
			}
		}
	}
	return &kb, nil
}
