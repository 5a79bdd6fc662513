;;; check.el --- headless check that eglot attaches `post-lint server'  -*- lexical-binding: t -*-
;; tests/test_server_editors.py runs it:
;;   POST_LINT_CMD='["/path/post-lint","server"]' POST_LINT_OUT=out.json \
;;     emacs --batch -l check.el FILE.md
(require 'package)
(package-initialize)
(require 'eglot)
(require 'json)

(define-derived-mode post-lint-check-markdown-mode text-mode "Markdown")
(add-to-list 'eglot-server-programs
             `(post-lint-check-markdown-mode . ,(append (json-parse-string (getenv "POST_LINT_CMD")
                                                                           :array-type 'list)
                                                        nil)))
(setq eglot-sync-connect t
      eglot-connect-timeout 60)

(let* ((file (car command-line-args-left))
       (out (getenv "POST_LINT_OUT"))
       (result nil)
       (server nil))
  (setq command-line-args-left nil)
  (find-file file)
  (post-lint-check-markdown-mode)
  (apply #'eglot (eglot--guess-contact))
  (let ((deadline (+ (float-time) 60)))
    (while (and (null (flymake-diagnostics)) (< (float-time) deadline))
      (accept-process-output nil 0.1)))
  ;; columns as characters from the line start (current-column would count
  ;; display width: 2 for a CJK character or an emoji)
  (dolist (d (flymake-diagnostics))
    (let ((beg (flymake-diagnostic-beg d)))
      (push (list (line-number-at-pos beg)
                  (save-excursion (goto-char beg) (- (point) (line-beginning-position)))
                  (flymake-diagnostic-text d))
            result)))
  (setq server (and (eglot-current-server) t))
  (with-temp-file out
    (insert (json-encode (list (cons 'server server)
                               (cons 'diagnostics (vconcat (mapcar #'vconcat (nreverse result))))))))
  (ignore-errors (eglot-shutdown (eglot-current-server)))
  (kill-emacs 0))
